package dev.lora4j;

/**
 * Told the outcome of every HTTP request a client sends to its provider: submissions, status
 * queries and polls, cancels, downloads and a provider's extra calls, each attempt of a retried
 * call on its own. For health checks and the like, without Micrometer; set with {@link
 * ClientOptions.Builder#callListener(CallListener)}. A provider's WebSocket (Wiro's status socket)
 * is not an HTTP request and is not reported.
 *
 * <p>Called once per attempt that completes or fails (not for an attempt abandoned because its
 * subscriber canceled), on the I/O thread that received the answer: it must return quickly and
 * must not block. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface CallListener {

  /**
   * Receives the outcome of one attempt.
   *
   * @param outcome what the attempt came to
   */
  void completed(CallOutcome outcome);
}
