package dev.lora4j.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one line of figures a benchmark's child process prints per batch on its standard output,
 * {@code result name=value name=value ...}, and its parsing by the process that started it.
 */
final class ResultLine {

  private static final String PREFIX = "result ";

  private ResultLine() {}

  /**
   * Formats figures as a result line.
   *
   * @param figures names (without spaces or {@code =}) and values, in the order printed
   * @return the line, without a line break
   */
  static String format(Map<String, Double> figures) {
    StringBuilder line = new StringBuilder(PREFIX.strip());
    figures.forEach((name, value) -> {
      if (name.isEmpty() || name.contains(" ") || name.contains("=")) {
        throw new IllegalArgumentException("a figure's name must be a non-empty word without '=', was '" + name + "'");
      }
      line.append(' ').append(name).append('=').append(String.format(Locale.ROOT, "%s", value));
    });
    return line.toString();
  }

  /**
   * Reads a result line.
   *
   * @param line any line of the child's output
   * @return the figures in the order printed, or empty if the line is not a result line
   * @throws IllegalArgumentException if it is a result line with a field that is not
   *     {@code name=number}
   */
  static Optional<Map<String, Double>> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String field : line.substring(PREFIX.length()).trim().split(" +")) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("a result field must be name=number, was '" + field + "'");
      }
      try {
        figures.put(field.substring(0, eq), Double.parseDouble(field.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a result field must be name=number, was '" + field + "'", e);
      }
    }
    return Optional.of(figures);
  }
}
