package dev.lora4j;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A typed key of {@link ClientOptions}. Each name denotes one option: asking twice for the same
 * name returns the same instance. When an option is not set explicitly, its value is read from the
 * system property {@code lora4j.<name>} and then from the provider's environment variables, and
 * parsed with the option's parser.
 *
 * <p>A sensitive option (a key, a secret) prints as {@code ***} in every {@code toString()}, log
 * line and exception message.
 *
 * @param <T> the type of the option's value
 */
public final class Option<T> {

  private static final ConcurrentMap<String, Option<?>> OPTIONS = new ConcurrentHashMap<>();

  private final String name;
  private final Class<T> type;
  private final boolean sensitive;
  private final Function<String, ? extends T> parser;

  private Option(String name, Class<T> type, boolean sensitive, Function<String, ? extends T> parser) {
    this.name = name;
    this.type = type;
    this.sensitive = sensitive;
    this.parser = parser;
  }

  /**
   * Returns the string option called {@code name}.
   *
   * @param name the option's name, such as {@code apiKey} or {@code wiro.tracking}
   * @return the option
   * @throws IllegalArgumentException if {@code name} is blank or already names an option of
   *     another kind
   */
  public static Option<String> valueOf(String name) {
    return valueOf(name, String.class, Function.identity());
  }

  /**
   * Returns the option called {@code name}, of values of {@code type}, whose fallback values
   * (system property, environment variable) are parsed with {@code parser}. The first call for a
   * name defines the option; later calls get the same instance, and must ask for the same type.
   *
   * @param name the option's name
   * @param type the type of its values
   * @param parser turns a property or environment string into a value; throws {@link
   *     IllegalArgumentException} for a bad string
   * @param <T> the value's type
   * @return the option
   * @throws IllegalArgumentException if {@code name} is blank or already names an option of
   *     another type, or a sensitive one
   */
  public static <T> Option<T> valueOf(String name, Class<T> type, Function<String, ? extends T> parser) {
    return intern(name, type, false, parser);
  }

  /**
   * Returns the sensitive string option called {@code name}: its value never appears in output.
   *
   * @param name the option's name
   * @return the option
   * @throws IllegalArgumentException if {@code name} is blank or already names a non-sensitive
   *     option
   */
  public static Option<String> sensitiveValueOf(String name) {
    return intern(name, String.class, true, Function.identity());
  }

  @SuppressWarnings("unchecked")
  private static <T> Option<T> intern(
      String name, Class<T> type, boolean sensitive, Function<String, ? extends T> parser) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(parser, "parser");
    if (name.isBlank()) {
      throw new IllegalArgumentException("option name must not be blank");
    }
    Option<?> option = OPTIONS.computeIfAbsent(name, n -> new Option<>(n, type, sensitive, parser));
    if (option.sensitive != sensitive) {
      throw new IllegalArgumentException(
          "option " + name + " already exists as " + (option.sensitive ? "sensitive" : "not sensitive"));
    }
    if (option.type != type) {
      throw new IllegalArgumentException(
          "option " + name + " already exists with values of " + option.type.getName() + ", not " + type.getName());
    }
    return (Option<T>) option;
  }

  /**
   * Returns the option's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the type of the option's values.
   *
   * @return the type
   */
  public Class<T> type() {
    return type;
  }

  /**
   * Tells whether the option's value is a secret.
   *
   * @return {@code true} for options made by {@link #sensitiveValueOf(String)}
   */
  public boolean sensitive() {
    return sensitive;
  }

  /**
   * Returns the system property this option falls back to.
   *
   * @return {@code lora4j.} followed by the name
   */
  public String systemProperty() {
    return "lora4j." + name;
  }

  /**
   * Parses a string into a value of this option, as its system property and environment fallbacks
   * are parsed (surrounding spaces ignored). For values typed by a person: a command line's
   * {@code --option name=value}, a provider's documented default.
   *
   * @param source where the string came from, for the error message, such as {@code environment
   *     variable WIRO_TRACKING}
   * @param raw the string
   * @return the value
   * @throws IllegalArgumentException naming the source (and the string, unless sensitive)
   */
  public T parse(String source, String raw) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(raw, "raw");
    try {
      T value = parser.apply(raw.strip());
      return Objects.requireNonNull(value, () -> "parser of " + name + " returned null");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source + " is not a valid " + name + (sensitive ? "" : ": '" + raw + "' (" + e.getMessage() + ")"),
          sensitive ? null : e);
    }
  }

  /**
   * Formats a value of this option for output.
   *
   * @param value the value
   * @return {@code ***} for a sensitive option, else the value's string form
   */
  String format(Object value) {
    return sensitive ? "***" : String.valueOf(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
