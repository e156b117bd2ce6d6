package dev.lora4j.wiro.internal;

import dev.lora4j.Lora4jException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskUpdate;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * Follows tasks over Wiro's status WebSocket: one socket per watched task, opened on Reactor Netty's
 * shared event loops (no thread per task, no pooling: a socket is never reused), closed when the
 * watch ends or is disposed.
 *
 * <p>A watch connects without credentials (the task's token is the authorisation), registers with
 * {@code {"type":"task_info","tasktoken":"..."}} and emits an update per status frame. On a terminal
 * frame it reads the task once with {@code Task/Detail} (frames lack {@code pexit} and the full
 * outputs), emits that as the last update and completes, closing the socket. A socket that closes
 * before a terminal frame, or stays silent for the idle timeout, ends the watch normally; one that
 * cannot connect or sends garbage ends it with an error. Either way the core then polls.
 */
final class SocketWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SocketWatcher.class);
  /** The largest frame accepted; the {@code *_full} frames carry a task's whole log. */
  static final int MAX_FRAME = 1024 * 1024;

  private final URI socketUrl;
  private final WiroCodec codec;
  private final Duration idleTimeout;
  private final HttpClient client;
  private final WebsocketClientSpec spec;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  /**
   * Creates a watcher; nothing is connected before a watch is subscribed.
   *
   * @param socketUrl the socket's {@code ws} or {@code wss} URL
   * @param codec reads frames
   * @param connectTimeout how long opening a socket may take
   * @param idleTimeout how long a socket may stay silent before the watch gives up on it
   */
  SocketWatcher(URI socketUrl, WiroCodec codec, Duration connectTimeout, Duration idleTimeout) {
    this.socketUrl = Objects.requireNonNull(socketUrl, "socketUrl");
    this.codec = codec;
    this.idleTimeout = idleTimeout;
    this.spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
    this.client = HttpClient.create(ConnectionProvider.newConnection())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .disableRetry(true)
        .proxyWithSystemProperties()
        .doOnConnected(connection -> {
          open.add(connection);
          connection.onDispose(() -> open.remove(connection));
        });
  }

  /**
   * Watches a task.
   *
   * @param handle the task
   * @param token its socket access token
   * @param detail reads the task once with {@code Task/Detail}
   * @return the updates, ending with the authoritative terminal one; or completing early (socket
   *     closed or silent); or failing with {@link ProviderUnavailableException} (no connection) or
   *     a {@link dev.lora4j.ProtocolException} (a frame that is not understood)
   */
  Flux<TaskUpdate> watch(TaskHandle handle, String token, Function<TaskHandle, Mono<TaskUpdate>> detail) {
    return client.websocket(spec)
        .uri(socketUrl.toString())
        .handle((in, out) -> {
          log.debug("Watching wiro task {} over {}", handle.id(), socketUrl);
          Flux<Step> steps = in.aggregateFrames(MAX_FRAME)
              .receiveFrames()
              .ofType(TextWebSocketFrame.class)
              .map(TextWebSocketFrame::text)
              .timeout(idleTimeout, Flux.defer(() -> {
                log.debug("The socket of wiro task {} was silent for {}: polling instead", handle.id(), idleTimeout);
                return Flux.empty();
              }))
              .concatMap(text -> step(handle, text, detail));
          return out.sendString(Mono.just(codec.registration(token))).then()
              .thenMany(steps)
              .takeUntil(Step::last)
              .doOnComplete(() -> log.debug("The socket of wiro task {} ended", handle.id()));
        })
        .map(Step::update)
        .onErrorMap(e -> !(e instanceof Lora4jException), e -> new ProviderUnavailableException(
            "wiro socket " + socketUrl + " failed for task " + handle.id() + ": " + e, e, false));
  }

  private Mono<Step> step(TaskHandle handle, String text, Function<TaskHandle, Mono<TaskUpdate>> detail) {
    WiroCodec.Frame frame = codec.frame(handle, text);
    if (frame == null) {
      return Mono.empty();
    }
    if (frame.terminal()) {
      return detail.apply(handle).map(update -> new Step(update, true));
    }
    return Mono.just(new Step(Objects.requireNonNull(frame.update()), false));
  }

  /** An update, and whether it is the last this socket gives. */
  private record Step(TaskUpdate update, boolean last) {}

  /**
   * Counts the sockets open now; for tests that check none is left behind.
   *
   * @return the number of open sockets
   */
  int openSockets() {
    return open.size();
  }

  /** Closes every socket still open; their watches end. */
  @Override
  public void close() {
    open.forEach(Connection::dispose);
  }

  @Override
  public String toString() {
    return "SocketWatcher{" + socketUrl + ", open=" + open.size() + "}";
  }
}
