package dev.lora4j.webflux;

/**
 * A request body field that is missing or out of range; answered {@code 400} with the field's name
 * in the problem's {@code field} property.
 */
public final class InvalidFieldException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the field's name in the JSON body, such as {@code width}
   * @param message what is wrong, naming the field
   */
  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * The field's name.
   *
   * @return such as {@code width}
   */
  public String field() {
    return field;
  }
}
