package dev.lora4j.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of lora4j-core, for the {@code User-Agent} header. */
public final class Lora4jVersion {

  /**
   * The version: the jar manifest's {@code Implementation-Version}, else the version in the Maven
   * descriptor the jar carries, else {@code dev} (classes run from a build directory).
   */
  public static final String VALUE = find();

  private Lora4jVersion() {}

  private static String find() {
    String version = Lora4jVersion.class.getPackage().getImplementationVersion();
    if (version != null && !version.isBlank()) {
      return version;
    }
    try (InputStream in =
        Lora4jVersion.class.getResourceAsStream(
            "/META-INF/maven/dev.lora4j/lora4j-core/pom.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String fromPom = properties.getProperty("version");
        if (fromPom != null && !fromPom.isBlank()) {
          return fromPom.strip();
        }
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      // fall through: an unreadable descriptor must not break the client
    }
    return "dev";
  }
}
