package dev.lora4j.spi;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.spi.http.ProviderHttpClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TaskProviderFactory#create} starts a provider from: its {@linkplain
 * ProviderDescription description} and the client options, read through the declared settings.
 * Every lookup goes the way {@link ClientOptions} documents (the value set on the builder, the
 * system property, the setting's environment variable), and no message made here ever contains a
 * value: they name the option, the system property and the environment variable.
 *
 * <pre>{@code
 * public TaskProvider create(ProviderContext context) {
 *   String key = context.require(API_KEY);
 *   ProviderHttpClient http = context.http(context.valueOrDefault(BASE_URL)).build();
 *   return new AcmeProvider(http, key);
 * }
 * }</pre>
 *
 * The core makes the context for providers it discovers; a provider's own API (such as Xalora's
 * {@code XaloraWorkflows}) makes one with {@link #of}.
 */
public final class ProviderContext {

  private final ProviderDescription description;
  private final ClientOptions options;

  private ProviderContext(ProviderDescription description, ClientOptions options) {
    this.description = description;
    this.options = options;
  }

  /**
   * Makes the context of one provider's start.
   *
   * @param description the provider's description
   * @param options the client options
   * @return the context
   */
  public static ProviderContext of(ProviderDescription description, ClientOptions options) {
    return new ProviderContext(Objects.requireNonNull(description, "description"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the provider's description.
   *
   * @return the description
   */
  public ProviderDescription description() {
    return description;
  }

  /**
   * Returns the client options, for what the settings do not cover.
   *
   * @return the options
   */
  public ClientOptions options() {
    return options;
  }

  /**
   * Returns a setting's value.
   *
   * @param setting a setting of the description
   * @param <T> the value's type
   * @return the value, or empty when it is not set anywhere
   * @throws IllegalArgumentException if a fallback string does not parse (the message names the
   *     system property or environment variable, and the string unless the setting is sensitive),
   *     or the description does not declare the setting
   */
  public <T> Optional<T> value(ProviderSetting<T> setting) {
    declared(setting);
    return options.value(setting.option(), setting.environmentVariable());
  }

  /**
   * Returns a setting's value, else its {@linkplain ProviderSetting#defaultValue() default}.
   *
   * @param setting a setting of the description that has a default
   * @param <T> the value's type
   * @return the value
   * @throws IllegalArgumentException as {@link #value}, or if the setting has no default
   */
  public <T> T valueOrDefault(ProviderSetting<T> setting) {
    Optional<T> value = value(setting);
    if (value.isPresent()) {
      return value.get();
    }
    T fallback = setting.parsedDefault();
    if (fallback == null) {
      throw new IllegalArgumentException("the " + description.name() + " setting " + setting.name() + " has no default");
    }
    return fallback;
  }

  /**
   * Returns a setting's value, failing when it is not set.
   *
   * @param setting a setting of the description
   * @param <T> the value's type
   * @return the value
   * @throws AuthenticationException if a sensitive setting is not set; the message names the
   *     environment variable, the system property and the option, and says what the setting is
   * @throws IllegalArgumentException likewise for a setting that is not sensitive, and as {@link
   *     #value}
   */
  public <T> T require(ProviderSetting<T> setting) {
    return value(setting).orElseThrow(() -> {
      String message = "no " + description.displayName() + " "
          + (setting.sensitive() ? "credentials" : "setting " + setting.name()) + ": set " + setting.environmentVariable()
          + ", the system property " + setting.systemProperty() + " or the option " + setting.name()
          + " (" + setting.description() + ")";
      return setting.sensitive() ? new AuthenticationException(message) : new IllegalArgumentException(message);
    });
  }

  /**
   * Tells where a setting's value comes from, for messages such as "the API key from environment
   * variable WIRO_API_KEY was rejected". Never includes the value.
   *
   * @param setting a setting of the description
   * @return {@code option apiKey}, {@code system property lora4j.apiKey} or {@code environment
   *     variable WIRO_API_KEY}; empty when it is not set anywhere
   * @throws IllegalArgumentException if the description does not declare the setting
   */
  public Optional<String> sourceOf(ProviderSetting<?> setting) {
    declared(setting);
    return options.sourceOf(setting.option(), setting.environmentVariable());
  }

  /**
   * Returns the values of the sensitive settings that are set, for the HTTP client's redactor.
   *
   * @return the values as strings without surrounding spaces, in declaration order
   * @throws IllegalArgumentException as {@link #value}
   */
  public List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    for (ProviderSetting<?> s : description.settings()) {
      if (s.sensitive()) {
        value(s).map(v -> String.valueOf(v).strip()).filter(v -> !v.isEmpty()).ifPresent(secrets::add);
      }
    }
    return secrets;
  }

  /**
   * Starts the provider's HTTP client, named after the provider, masking {@link #secrets()} and
   * with the options' network settings (timeouts, connection pool, proxy; see {@link
   * ProviderHttpClient.Builder#options}). The provider adds what is its own (signing headers) and
   * builds it.
   *
   * @param baseUrl the API's base URL
   * @return a new builder
   * @throws IllegalArgumentException if a network setting is malformed or out of range (the
   *     message names it), or as {@link #value}
   */
  public ProviderHttpClient.Builder http(URI baseUrl) {
    return ProviderHttpClient.builder(description.name(), Objects.requireNonNull(baseUrl, "baseUrl"))
        .options(options)
        .secrets(secrets());
  }

  private void declared(ProviderSetting<?> setting) {
    Objects.requireNonNull(setting, "setting");
    if (!description.settings().contains(setting)) {
      throw new IllegalArgumentException("provider " + description.name() + " does not declare the setting " + setting.name());
    }
  }

  @Override
  public String toString() {
    return "ProviderContext{" + description.name() + ", " + options + "}";
  }
}
