package dev.lora4j.wiro.internal;

import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Wiro's loosely typed JSON values: numbers that may come as text (with a trailing {@code
 * %}), times in seconds, texts that may be absent or {@code null}.
 */
final class WiroValues {

  private WiroValues() {}

  /** A duration in seconds (a number or numeric text); null when absent, negative or absurd. */
  static @Nullable Duration seconds(@Nullable JsonNode node) {
    double s = number(node);
    if (Double.isNaN(s) || s < 0 || s > 1e9) {
      return null;
    }
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** A number from a JSON number or numeric text (a trailing {@code %} allowed); NaN otherwise. */
  static double number(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isString()) {
      String s = node.stringValue().strip();
      if (s.endsWith("%")) {
        s = s.substring(0, s.length() - 1).strip();
      }
      try {
        double d = new BigDecimal(s).doubleValue();
        return Double.isFinite(d) ? d : Double.NaN;
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** An integer from a JSON number or numeric text; {@link Integer#MIN_VALUE} otherwise. */
  static int integer(@Nullable JsonNode node) {
    double d = number(node);
    return Double.isNaN(d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? Integer.MIN_VALUE : (int) d;
  }

  /** A field as text; null when absent, JSON {@code null}, an object or an array. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull() || n.isContainer()) {
      return null;
    }
    return n.asString();
  }
}
