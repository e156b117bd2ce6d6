package dev.lora4j.spi;

import dev.lora4j.ClientOptions;
import dev.lora4j.Option;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One setting a provider reads, as its {@link TaskProviderFactory#description() description}
 * declares it: the {@link Option} (its name, type, sensitivity and system property {@code
 * lora4j.<name>}), the environment variable it falls back to, whether it is required, what it
 * means, and the default shown to users. Immutable.
 *
 * <p>A provider reads its settings through {@link ProviderContext}; tools such as the {@code
 * lora4j} command list them to users without knowing the provider.
 *
 * <pre>{@code
 * static final ProviderSetting<String> API_KEY = ProviderSetting.required(
 *     ClientOptions.API_KEY, "ACME_API_KEY", "the account's API key");
 * static final ProviderSetting<URI> BASE_URL = ProviderSetting.optional(
 *     ClientOptions.BASE_URL, "ACME_BASE_URL", "the API's base URL", "https://api.acme.test/v1");
 * }</pre>
 *
 * @param <T> the type of the setting's value
 */
public final class ProviderSetting<T> {

  private final Option<T> option;
  private final String environmentVariable;
  private final boolean required;
  private final String description;
  private final @Nullable String defaultValue;
  private final @Nullable T parsedDefault;

  private ProviderSetting(
      Option<T> option, String environmentVariable, boolean required, String description, @Nullable String defaultValue) {
    this.option = Objects.requireNonNull(option, "option");
    this.environmentVariable = notBlank("environmentVariable", environmentVariable);
    this.required = required;
    this.description = notBlank("description", description);
    if (defaultValue != null) {
      notBlank("defaultValue", defaultValue);
    }
    this.defaultValue = defaultValue;
    this.parsedDefault = defaultValue == null ? null : option.parse("the default of " + option.name(), defaultValue);
  }

  /**
   * Declares a setting the provider cannot work without: {@link TaskProviderFactory#supports}
   * is {@code true} only when every required setting is set, and {@link
   * ProviderContext#require} fails naming it when it is not.
   *
   * @param option the option
   * @param environmentVariable the environment variable it falls back to, such as {@code
   *     XALORA_API_KEY}
   * @param description what it is, for users, such as {@code the account's credentials, in the
   *     form consumerId#apiKey}; never a value
   * @param <T> the value's type
   * @return the setting
   * @throws IllegalArgumentException if the environment variable or the description is blank
   */
  public static <T> ProviderSetting<T> required(Option<T> option, String environmentVariable, String description) {
    return new ProviderSetting<>(option, environmentVariable, true, description, null);
  }

  /**
   * Declares a setting the provider can do without.
   *
   * @param option the option
   * @param environmentVariable the environment variable it falls back to
   * @param description what it is, for users, and what happens when it is not set if there is no
   *     default; never a secret
   * @param defaultValue the value used when it is not set, written as a user would write it (it
   *     is parsed with the option's parser, so {@link ProviderContext#valueOrDefault} returns it
   *     typed); {@code null} when there is none
   * @param <T> the value's type
   * @return the setting
   * @throws IllegalArgumentException if the environment variable or the description is blank, or
   *     the default does not parse
   */
  public static <T> ProviderSetting<T> optional(
      Option<T> option, String environmentVariable, String description, @Nullable String defaultValue) {
    return new ProviderSetting<>(option, environmentVariable, false, description, defaultValue);
  }

  /**
   * Returns the option.
   *
   * @return the option
   */
  public Option<T> option() {
    return option;
  }

  /**
   * Returns the option's name, which {@code --option NAME=value} on the command line uses.
   *
   * @return the name, such as {@code apiKey} or {@code wiro.tracking}
   */
  public String name() {
    return option.name();
  }

  /**
   * Tells whether the value is a secret: it never appears in output.
   *
   * @return the option's {@link Option#sensitive()}
   */
  public boolean sensitive() {
    return option.sensitive();
  }

  /**
   * Returns the system property the setting falls back to first.
   *
   * @return the option's {@link Option#systemProperty()}, such as {@code lora4j.apiKey}
   */
  public String systemProperty() {
    return option.systemProperty();
  }

  /**
   * Returns the environment variable the setting falls back to last.
   *
   * @return the variable's name, such as {@code WIRO_API_KEY}
   */
  public String environmentVariable() {
    return environmentVariable;
  }

  /**
   * Tells whether the provider needs this setting.
   *
   * @return {@code true} for settings made by {@link #required}
   */
  public boolean required() {
    return required;
  }

  /**
   * Returns what the setting is, for users.
   *
   * @return the description, never a value
   */
  public String description() {
    return description;
  }

  /**
   * Returns the default, as a user would write it.
   *
   * @return the default, or empty when there is none
   */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The parsed default, or {@code null}. */
  @Nullable T parsedDefault() {
    return parsedDefault;
  }

  /**
   * Sets this setting on a builder from a string, parsed as its system property and environment
   * fallbacks are: for tools that take settings as text (a command line's {@code --option
   * name=value}, a simulator's client settings).
   *
   * @param builder the options being built
   * @param source where the string came from, for the error message, such as {@code --option
   *     wiro.tracking}
   * @param text the string
   * @return {@code builder}
   * @throws IllegalArgumentException if the string does not parse; the message names the source,
   *     and the string unless the setting is sensitive
   */
  public ClientOptions.Builder set(ClientOptions.Builder builder, String source, String text) {
    return Objects.requireNonNull(builder, "builder").option(option, option.parse(source, text));
  }

  /**
   * Names the setting and where it is read from; never a value.
   *
   * @return such as {@code apiKey (system property lora4j.apiKey, environment variable
   *     WIRO_API_KEY, required, sensitive)}
   */
  @Override
  public String toString() {
    return name() + " (system property " + systemProperty() + ", environment variable " + environmentVariable
        + (required ? ", required" : "") + (sensitive() ? ", sensitive" : "")
        + (defaultValue == null ? "" : ", default " + defaultValue) + ")";
  }

  private static String notBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value.strip();
  }
}
