package dev.lora4j.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observes the HTTP attempts made under a Reactor context that holds it ({@link #KEY}), put there
 * by {@link Instrumentation#call}: the HTTP layer starts one probe per attempt it sends.
 */
public interface CallObserver {

  /** The context key. */
  Object KEY = CallObserver.class;

  /**
   * Starts observing one attempt.
   *
   * @param method the HTTP method
   * @param carrier the headers to add to the attempt's request (the trace context), filled here
   * @return the attempt's probe
   */
  Attempt start(String method, Map<String, String> carrier);

  /** One attempt's observation. */
  interface Attempt {

    /**
     * Ends it.
     *
     * @param status the HTTP status, {@code 0} for none
     * @param error the attempt's failure, {@code null} when it succeeded
     */
    void stop(int status, @Nullable Throwable error);

    /** Ends it as canceled. */
    void canceled();
  }
}
