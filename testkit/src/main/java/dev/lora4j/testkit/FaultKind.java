package dev.lora4j.testkit;

/**
 * A kind of fault a simulator can inject into an HTTP exchange; see {@link FaultPlan}.
 */
public enum FaultKind {
  /**
   * HTTP 500 with the provider's error body. The request is not processed: no task is created or
   * changed.
   */
  SERVER_ERROR,
  /**
   * HTTP 429 with a {@code Retry-After} header (whole seconds) and the provider's error body. The
   * request is not processed.
   */
  RATE_LIMIT,
  /**
   * The connection is closed without any response. The request is not processed, as if it had
   * been lost on the way.
   */
  DROPPED_CONNECTION,
  /**
   * The request is processed normally (so a create does create a task), then the connection is
   * closed halfway through the response: the status, the headers with the full {@code
   * Content-Length}, and half the body arrive.
   */
  CUT_ANSWER,
  /**
   * The request is processed normally (so a create does create a task), but the response body is
   * cut in half, which leaves JSON unparseable and a file truncated. The status is kept.
   */
  MALFORMED_BODY,
  /**
   * A request about a task is answered with an earlier state of that task, as a lagging replica
   * would: a running task reported waiting, an ended one still running. Other requests are
   * answered normally.
   */
  STALE_ANSWER,
  /**
   * The response, whatever it is, is sent after an added delay; the request itself is processed
   * at once. Drawn independently of the other kinds, so it can combine with any of them.
   */
  LATENCY
}
