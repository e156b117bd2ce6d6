package dev.lora4j.spring;

import dev.lora4j.ClientOptions;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks lora4j's credentials in Actuator's {@code configprops} and {@code env} endpoints, whatever
 * their {@code show-values} setting: the {@code lora4j.*} credential properties, the sensitive
 * {@code lora4j.options.*}, and the system properties and environment variables they fall back to
 * ({@code lora4j.apiKey}, {@code XALORA_API_KEY}, {@code WIRO_API_SECRET}, ...).
 */
final class CredentialsSanitizer implements SanitizingFunction {

  private final Set<String> keys = new HashSet<>();

  CredentialsSanitizer(List<ProviderDescription> descriptions) {
    for (String property : List.of("lora4j.api-key", "lora4j.api-secret", "lora4j.proxy.password")) {
      keys.add(normal(property));
    }
    for (var option : List.of(ClientOptions.API_KEY, ClientOptions.API_SECRET, ClientOptions.PROXY_PASSWORD)) {
      keys.add(normal(option.systemProperty()));
    }
    keys.add(normal("LORA4J_PROXY_PASSWORD"));
    for (ProviderDescription description : descriptions) {
      for (ProviderSetting<?> setting : description.settings()) {
        if (setting.sensitive()) {
          keys.add(normal(setting.systemProperty()));
          keys.add(normal(setting.environmentVariable()));
          keys.add(normal("lora4j.options." + setting.name()));
        }
      }
    }
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    return keys.contains(normal(data.getKey())) ? data.withSanitizedValue() : data;
  }

  /**
   * A key in the form that relaxed binding makes of all its spellings: lower case, without
   * separators, so that {@code lora4j.api-key}, {@code lora4j.apiKey} and {@code LORA4J_APIKEY}
   * meet. Keys of the {@code configprops} endpoint are the bean's property names: {@code apiKey}
   * under {@code lora4j}, which its own prefix check below covers.
   */
  private static String normal(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
  }
}
