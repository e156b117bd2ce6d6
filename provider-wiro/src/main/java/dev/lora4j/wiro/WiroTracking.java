package dev.lora4j.wiro;

import java.util.Locale;
import java.util.Objects;

/**
 * How the Wiro provider follows a task's status; option {@link WiroProviderFactory#TRACKING},
 * environment {@value WiroProviderFactory#TRACKING_ENV}.
 *
 * <p>Whatever the mode, the core polls {@code Task/Detail} when the socket fails, closes early or is
 * not used, so a status stream never depends on the socket.
 */
public enum WiroTracking {
  /**
   * The status WebSocket when the task's handle carries its socket access token (every handle made
   * by this provider does), else polling. The default.
   */
  AUTO,
  /**
   * Always the status WebSocket; a handle without a token first reads the token with one {@code
   * Task/Detail}.
   */
  WEBSOCKET,
  /** Polling {@code Task/Detail} only; no socket is opened. */
  POLLING;

  /**
   * Parses a mode name, ignoring case and surrounding spaces.
   *
   * @param name {@code auto}, {@code websocket} or {@code polling}
   * @return the mode
   * @throws IllegalArgumentException naming the value and the accepted ones otherwise
   */
  public static WiroTracking parse(String name) {
    Objects.requireNonNull(name, "name");
    switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "auto":
        return AUTO;
      case "websocket":
        return WEBSOCKET;
      case "polling":
        return POLLING;
      default:
        throw new IllegalArgumentException(
            "wiro tracking must be auto, websocket or polling, was '" + name + "'");
    }
  }
}
