package dev.lora4j;

import java.util.Objects;

/**
 * A typed key of a fact a provider reports about a finished task, read with {@link
 * TaskResult#detail(ResultDetail)}: a duration it measured, the worker that ran the task, what the
 * task cost. Each provider module declares its keys once, as constants (such as {@code
 * XaloraDetails.MINER_ID} or {@code WiroDetails.COST}), and documents when it reports them.
 *
 * <p>Keys are compared by identity: a key made elsewhere with the same name is a different key,
 * so a result never hands out a value under a key its provider did not declare. {@link
 * TaskResult#details()} lists every reported detail by key, for display.
 *
 * @param <T> the type of the detail's value
 */
public final class ResultDetail<T> {

  private final String name;
  private final Class<T> type;

  private ResultDetail(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /**
   * Declares a detail. Call it once per detail, for a constant.
   *
   * @param name the detail's name, shown in output, such as {@code minerId}
   * @param type the type of its values
   * @param <T> that type
   * @return the key
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <T> ResultDetail<T> of(String name, Class<T> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a detail's name must not be blank");
    }
    return new ResultDetail<>(name, type);
  }

  /**
   * Returns the detail's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the type of the detail's values.
   *
   * @return the type
   */
  public Class<T> type() {
    return type;
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return name;
  }
}
