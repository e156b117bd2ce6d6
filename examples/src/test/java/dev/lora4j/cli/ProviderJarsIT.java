package dev.lora4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jars, run as a user runs them: the same {@code generate} command, unchanged, on the
 * jar with both providers and on each one-provider jar, with no credentials (so against the
 * embedded simulator). Runs after {@code package}, in the integration-test phase.
 */
class ProviderJarsIT {

  @ParameterizedTest(name = "{0} uses {1}")
  @CsvSource({"lora4j-xalora.jar, xalora", "lora4j-wiro.jar, wiro", "lora4j.jar, xalora"})
  void theSameGenerateCommandRunsOnEachJar(String jar, String provider, @TempDir Path dir) throws Exception {
    Path file = Path.of("target", jar).toAbsolutePath();
    assertThat(file).as("built by the package phase").exists();
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", file.toString(),
        "generate", "--quiet", "--width", "256", "--height", "256", "--out", dir.toString()))
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("XALORA_") || k.startsWith("WIRO_") || k.startsWith("LORA4J_"));
    Process process = pb.start();

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(read(dir.resolve("err.txt"))).isTrue();
    assertThat(process.exitValue()).as(read(dir.resolve("err.txt"))).isZero();
    Path png = Path.of(read(dir.resolve("out.txt")).strip());
    assertThat(png.getFileName().toString()).startsWith(provider + "-").endsWith(".png");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(256);
    assertThat(read(dir.resolve("err.txt"))).contains("using the embedded");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
