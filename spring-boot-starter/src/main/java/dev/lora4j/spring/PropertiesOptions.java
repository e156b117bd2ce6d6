package dev.lora4j.spring;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@link Lora4jProperties} into {@link ClientOptions}, and a failure to create the client into
 * an exception that names the property to fix. Credentials never appear in a message.
 */
final class PropertiesOptions {

  /** What stands for a credential's value in a message. */
  static final String HIDDEN = "******";

  private PropertiesOptions() {}

  /**
   * A builder holding every property that is set; unset ones are left to the options' fallbacks.
   *
   * @throws InvalidConfigurationPropertyValueException naming the first property with a bad value
   */
  static ClientOptions.Builder builder(Lora4jProperties p) {
    ClientOptions.Builder b = ClientOptions.builder();
    set("lora4j.provider", p.getProvider(), false, b::provider);
    set("lora4j.api-key", p.getApiKey(), true, b::apiKey);
    set("lora4j.api-secret", p.getApiSecret(), true, b::apiSecret);
    set("lora4j.base-url", p.getBaseUrl(), false, b::baseUrl);
    set("lora4j.poll-interval", p.getPollInterval(), false, b::pollInterval);
    set("lora4j.connect-timeout", p.getConnectTimeout(), false, b::connectTimeout);
    set("lora4j.response-timeout", p.getResponseTimeout(), false, b::responseTimeout);
    set("lora4j.max-connections", p.getMaxConnections(), false, b::maxConnections);
    set("lora4j.pending-acquire-max-count", p.getPendingAcquireMaxCount(), false, b::pendingAcquireMaxCount);
    set("lora4j.pending-acquire-timeout", p.getPendingAcquireTimeout(), false, b::pendingAcquireTimeout);
    set("lora4j.request-budget", p.getRequestBudget(), false, b::requestBudget);
    set("lora4j.adaptive-rate", p.getAdaptiveRate(), false, b::adaptiveRate);
    set("lora4j.non-proxy-hosts", p.getNonProxyHosts(), false, b::nonProxyHosts);
    Lora4jProperties.Proxy proxy = p.getProxy();
    set("lora4j.proxy.host", proxy.getHost(), false, host -> b.option(ClientOptions.PROXY_HOST, ClientOptions.PROXY_HOST.parse("lora4j.proxy.host", host)));
    set("lora4j.proxy.port", proxy.getPort(), false, port -> b.option(ClientOptions.PROXY_PORT, ClientOptions.PROXY_PORT.parse("lora4j.proxy.port", port.toString())));
    set("lora4j.proxy.username", proxy.getUsername(), false, name -> b.option(ClientOptions.PROXY_USERNAME, name));
    set("lora4j.proxy.password", proxy.getPassword(), true, password -> b.option(ClientOptions.PROXY_PASSWORD, password));
    Lora4jProperties.Wiro wiro = p.getWiro();
    if (wiro.getSocketUrl() != null) {
      providerOption("lora4j.wiro.socket-url", "wiro.socketUrl", wiro.getSocketUrl().toString(), b);
    }
    if (wiro.getTracking() != null) {
      providerOption("lora4j.wiro.tracking", "wiro.tracking", wiro.getTracking(), b);
    }
    for (Map.Entry<String, String> option : p.getOptions().entrySet()) {
      providerOption("lora4j.options." + option.getKey(), option.getKey(), option.getValue(), b);
    }
    return b;
  }

  /**
   * Creates the client.
   *
   * @throws InvalidConfigurationPropertyValueException when a property is to blame
   * @throws Lora4jConfigurationException when the fallbacks (system properties, environment) are
   */
  static TaskClient create(ClientOptions options, Lora4jProperties p) {
    try {
      return TaskClients.create(options);
    } catch (ProviderNotFoundException e) {
      if (p.getProvider() != null) {
        throw new InvalidConfigurationPropertyValueException("lora4j.provider", p.getProvider(), e.getMessage());
      }
      throw new Lora4jConfigurationException(e.getMessage(),
          "Set lora4j.provider (or LORA4J_PROVIDER) to the provider to use, or put exactly one provider's jar on the class path.", e);
    } catch (AuthenticationException e) {
      if (p.getApiKey() != null || p.getApiSecret() != null) {
        throw new InvalidConfigurationPropertyValueException(
            p.getApiKey() != null ? "lora4j.api-key" : "lora4j.api-secret", HIDDEN, e.getMessage());
      }
      throw new Lora4jConfigurationException(e.getMessage(),
          "Set lora4j.api-key (and lora4j.api-secret where the provider signs requests), or the environment variables named above.", e);
    } catch (IllegalArgumentException e) {
      throw new Lora4jConfigurationException("a setting outside the lora4j.* properties is invalid: " + e.getMessage(),
          "Fix or remove the system property or environment variable named above, or set the lora4j.* property that overrides it.", e);
    }
  }

  private static <T> void set(String property, @Nullable T value, boolean sensitive, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, sensitive ? HIDDEN : value, e.getMessage());
    }
  }

  private static void providerOption(String property, String option, String value, ClientOptions.Builder b) {
    Optional<ProviderSetting<?>> setting = setting(option);
    if (setting.isEmpty()) {
      throw new InvalidConfigurationPropertyValueException(property, value,
          "no lora4j provider on the class path has an option " + option + "; the options are " + optionNames());
    }
    boolean sensitive = setting.get().sensitive();
    set(property, value, sensitive, text -> setting.get().set(b, property, text));
  }

  /**
   * The setting named {@code option} of any provider on the class path, the name compared as
   * relaxed binding writes it ({@code wiro.socket-url} and {@code wiro.socketurl} are {@code
   * wiro.socketUrl}).
   */
  static Optional<ProviderSetting<?>> setting(String option) {
    String wanted = relaxed(option);
    for (ProviderDescription d : TaskClients.descriptions()) {
      for (ProviderSetting<?> s : d.settings()) {
        if (relaxed(s.name()).equals(wanted)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  private static String relaxed(String name) {
    return name.replace("-", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static String optionNames() {
    List<String> names = TaskClients.descriptions().stream()
        .flatMap(d -> d.settings().stream()).map(ProviderSetting::name).distinct().sorted().toList();
    return names.stream().collect(Collectors.joining(", "));
  }
}
