package dev.lora4j.spring;

/**
 * The {@link dev.lora4j.TaskClient} bean could not be created from the configuration; says what
 * to set. {@link Lora4jFailureAnalyzer} prints it at start-up as Spring Boot's other configuration
 * failures. Never holds a credential.
 */
public class Lora4jConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** What to do about it. */
  private final String action;

  /**
   * Creates the exception.
   *
   * @param message what is wrong
   * @param action what to set or change
   * @param cause the lora4j exception behind it
   */
  public Lora4jConfigurationException(String message, String action, Throwable cause) {
    super(message, cause);
    this.action = action;
  }

  /**
   * Says what to set or change.
   *
   * @return the action
   */
  public String action() {
    return action;
  }
}
