package dev.lora4j.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognizes the failures of the network below HTTP (connect, pool, I/O), as opposed to bugs and
 * errors lora4j raised itself, and describes them in a few words.
 */
public final class TransportFailures {

  /** Reactor Netty shades its pool, so its exceptions are recognized by their simple names. */
  private static final Set<String> POOL_FAILURES =
      Set.of(
          "PoolAcquireTimeoutException",
          "PoolAcquirePendingLimitException",
          "PoolShutdownException");

  /** The message of {@code AbortedException.beforeSend()}, whose constant is not public. */
  private static final String CLOSED_BEFORE_SEND =
      reactor.netty.channel.AbortedException.beforeSend().getMessage();

  private TransportFailures() {}

  /**
   * Tells whether {@code failure} comes from the network or the connection pool.
   *
   * @param failure the failure
   * @return {@code true} for I/O, connect, timeout, channel, codec and pool failures
   */
  public static boolean isTransport(Throwable failure) {
    return failure instanceof IOException
        || failure instanceof TimeoutException
        || failure instanceof UnresolvedAddressException
        || failure instanceof io.netty.channel.ChannelException
        || failure instanceof reactor.netty.channel.AbortedException
        || POOL_FAILURES.contains(failure.getClass().getSimpleName());
  }

  /**
   * Tells whether {@code failure} proves that no byte of the request was written, although a
   * connection had been obtained for it: Reactor Netty found the pooled connection closed before it
   * began to send.
   *
   * @param failure the failure
   * @return {@code true} only when the request certainly did not leave this process
   */
  public static boolean provesNothingWasSent(Throwable failure) {
    return failure instanceof reactor.netty.channel.AbortedException
        && CLOSED_BEFORE_SEND.equals(failure.getMessage());
  }

  /**
   * Describes a transport failure in a few words, for an exception message.
   *
   * @param failure the failure
   * @return a short description
   */
  public static String describe(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    if ("PoolAcquireTimeoutException".equals(name)) {
      return "no pooled connection became free in time";
    }
    if ("PoolAcquirePendingLimitException".equals(name)) {
      return "too many calls are already waiting for a connection";
    }
    if ("PoolShutdownException".equals(name)) {
      return "the client was closed";
    }
    if (failure instanceof io.netty.channel.ConnectTimeoutException) {
      return "connect timed out (" + failure.getMessage() + ")";
    }
    if (failure instanceof ConnectException) {
      return "connection refused (" + failure.getMessage() + ")";
    }
    if (failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException) {
      return "unknown host (" + failure.getMessage() + ")";
    }
    if (provesNothingWasSent(failure)) {
      return "the pooled connection was closed before the request could be written";
    }
    if (failure instanceof reactor.netty.http.client.PrematureCloseException) {
      return "the connection was closed before the response was complete";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }
}
