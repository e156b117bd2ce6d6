package dev.lora4j.internal.http;

import dev.lora4j.ProviderUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
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
   * Tells whether {@code failure} proves that no byte of the request reached the provider, although
   * a connection had been obtained for it: Reactor Netty found the pooled connection closed before
   * it began to send, or the proxy did not open the tunnel (Netty's proxy handler holds the
   * request back until it does, and drops it when it fails).
   *
   * @param failure the failure
   * @return {@code true} only when the request certainly did not reach the provider
   */
  public static boolean provesNothingWasSent(Throwable failure) {
    return (failure instanceof reactor.netty.channel.AbortedException
            && CLOSED_BEFORE_SEND.equals(failure.getMessage()))
        || isProxyFailure(failure);
  }

  /**
   * Turns a failure of an attempt into what the call signals: a transport failure into a {@link
   * ProviderUnavailableException} that says whether the provider may have seen the request (not
   * when no connection was had or nothing could be written; otherwise yes, with a timeout worded
   * as such); anything else as is.
   *
   * @param failure the failure
   * @param call the call, such as {@code xalora task_create}, to start the message with
   * @param hostAndPort the provider's host and port, for the message
   * @param requestSent whether the request had begun to be written
   * @param responseTimeout the response timeout in force, for the message
   * @return the exception to signal
   */
  public static Throwable classify(
      Throwable failure, String call, String hostAndPort, boolean requestSent, Duration responseTimeout) {
    if (!isTransport(failure)) {
      return failure;
    }
    if (!requestSent || provesNothingWasSent(failure)) {
      return new ProviderUnavailableException(
          call + " could not reach " + hostAndPort + ", the request was not sent: " + describe(failure),
          failure,
          false);
    }
    String reason;
    if (failure instanceof TimeoutException) {
      reason = "no complete answer within " + format(responseTimeout);
    } else if (failure instanceof io.netty.handler.timeout.TimeoutException) {
      reason = "no data received for " + format(responseTimeout);
    } else {
      reason = describe(failure);
    }
    return new ProviderUnavailableException(
        call + " failed after the request was sent, so the provider may have received it: " + reason,
        failure,
        true);
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
    if (isProxyFailure(failure)) {
      // Netty's message names the proxy, the target and the proxy's status; never credentials.
      return "the proxy did not open a tunnel (" + failure.getMessage() + ")";
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

  /** Netty's proxy handler is not a module lora4j reads, so its exception is found by name. */
  private static boolean isProxyFailure(Throwable failure) {
    for (Class<?> c = failure.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals("io.netty.handler.proxy.ProxyConnectException")) {
        return true;
      }
    }
    return false;
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
