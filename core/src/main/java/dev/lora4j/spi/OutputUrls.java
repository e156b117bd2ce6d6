package dev.lora4j.spi;

import dev.lora4j.TaskOutput;
import dev.lora4j.internal.WebUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the URL of an output a provider reported, by the rule every provider follows: only an
 * absolute {@code http} or {@code https} URL with a host becomes a {@link TaskOutput}. Anything else
 * ({@code file:///etc/passwd}, {@code javascript:alert(1)}, a relative path, text that is not a URL)
 * is dropped with a warning on the logger {@code dev.lora4j.spi.OutputUrls} naming the provider, the
 * task and the field, never the URL itself; the task's other outputs are kept.
 */
public final class OutputUrls {

  private static final Logger log = LoggerFactory.getLogger(OutputUrls.class);

  private OutputUrls() {}

  /**
   * Reads an output URL.
   *
   * @param provider the provider's name, for the warning
   * @param taskId the task's id, for the warning
   * @param field the field of the provider's answer the URL came from, for the warning
   * @param text the URL as the provider sent it, or {@code null}
   * @return the URL, or empty (with a warning) when it is not a web URL; empty without a warning for
   *     {@code null} or blank text
   */
  public static Optional<URI> parse(String provider, String taskId, String field, @Nullable String text) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(field, "field");
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      log.warn("Dropping an output of {} task {}: {} is not a valid URL", provider, taskId, field);
      return Optional.empty();
    }
    if (!WebUrls.isWeb(url)) {
      log.warn("Dropping an output of {} task {}: {} is {}, not an http or https URL", provider, taskId, field,
          WebUrls.kind(url));
      return Optional.empty();
    }
    return Optional.of(url);
  }
}
