package dev.lora4j.wiro.internal;

import dev.lora4j.Lora4jException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.http.ProviderHttpClient;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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
 * outputs), emits that as the last update and completes, closing the socket.
 *
 * <p>A socket may stay silent for as long as the watch lasts: queues and silent models can be quiet
 * for minutes. To notice a dead (half-open) socket or a missed terminal frame, after each period of
 * silence (no frame for the silence duration, counted from the last frame or the last check) the
 * task is read once with {@code Task/Detail} and that update is passed on like a frame's; if it is
 * terminal it is the last update, and the watch completes, closing the socket. No timer outlives
 * the watch.
 *
 * <p>A socket that closes before a terminal frame ends the watch normally; one that cannot connect,
 * sends garbage, or whose silence check fails ends it with an error. Either way the core then
 * polls. Text frames of up to {@value #MAX_FRAME} bytes are accepted (the {@code *_full} frames
 * carry a task's whole log).
 */
final class SocketWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SocketWatcher.class);
  /** The largest text frame accepted, 8 MiB, as Wiro's official clients accept. */
  static final int MAX_FRAME = 8 * 1024 * 1024;

  private final URI socketUrl;
  private final WiroCodec codec;
  private final Duration silence;
  private final HttpClient client;
  private final WebsocketClientSpec spec;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  /**
   * Creates a watcher with a client of its own: the connect timeout, no proxy but the JVM's; for
   * tests.
   *
   * @param socketUrl the socket's {@code ws} or {@code wss} URL
   * @param codec reads frames
   * @param connectTimeout how long opening a socket may take
   * @param silence how long a socket may stay silent before the task is read once; positive
   */
  SocketWatcher(URI socketUrl, WiroCodec codec, Duration connectTimeout, Duration silence) {
    this(socketUrl, codec, HttpClient.create(ConnectionProvider.newConnection())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .disableRetry(true)
        .proxyWithSystemProperties(), silence);
  }

  /**
   * Creates a watcher; nothing is connected before a watch is subscribed.
   *
   * @param socketUrl the socket's {@code ws} or {@code wss} URL
   * @param codec reads frames
   * @param client opens the sockets: the provider's {@link
   *     dev.lora4j.spi.http.ProviderHttpClient#webSocketClient()}, with the options' connect
   *     timeout and proxy
   * @param silence how long a socket may stay silent before the task is read once with {@code
   *     Task/Detail}; positive
   */
  SocketWatcher(URI socketUrl, WiroCodec codec, HttpClient client, Duration silence) {
    this.socketUrl = Objects.requireNonNull(socketUrl, "socketUrl");
    this.codec = codec;
    this.silence = PositiveDuration.check("silence", silence);
    this.spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
    this.client = client.doOnConnected(connection -> {
      open.add(connection);
      connection.onDispose(() -> open.remove(connection));
    });
  }

  /**
   * Watches a task.
   *
   * @param handle the task
   * @param token its socket access token
   * @param detail reads the task once with {@code Task/Detail}: after a terminal frame, and after
   *     each period of silence
   * @return the updates, ending with the authoritative terminal one (after a terminal frame or a
   *     silence check that found the task ended); or completing early (the socket closed); or
   *     failing with {@link ProviderUnavailableException} (no connection), a {@link
   *     dev.lora4j.ProtocolException} (a frame that is not understood) or the error of {@code
   *     detail}
   */
  Flux<TaskUpdate> watch(TaskHandle handle, String token, Function<TaskHandle, Mono<TaskUpdate>> detail) {
    return ProviderHttpClient.withinRequestBudget(client.websocket(spec)
        .uri(socketUrl.toString())
        .handle((in, out) -> {
          log.debug("Watching wiro task {} over {}", handle.id(), socketUrl);
          Flux<String> frames = in.aggregateFrames(MAX_FRAME)
              .receiveFrames()
              .ofType(TextWebSocketFrame.class)
              .map(TextWebSocketFrame::text);
          Flux<Step> steps = withSilences(frames).concatMap(heard -> {
            String text = heard.frame();
            return text == null ? check(handle, detail) : step(handle, text, detail);
          });
          return out.sendString(Mono.just(codec.registration(token))).then()
              .thenMany(steps)
              .takeUntil(Step::last)
              .doOnComplete(() -> log.debug("The socket of wiro task {} ended", handle.id()));
        })
        .map(Step::update))
        .onErrorMap(e -> !(e instanceof Lora4jException), e -> new ProviderUnavailableException(
            "wiro socket " + socketUrl + " failed for task " + handle.id() + ": " + e, e, false));
  }

  /**
   * The frames, each followed by a silence mark every {@link #silence} until the next frame; the
   * first marks count from the registration. Each frame's timer starts before the frame is passed
   * on, so a frame seen downstream has always restarted the timer. Completes or fails with the
   * frames; buffers what the reader has not yet asked for, so that no frame is lost when a newer
   * one replaces its period.
   */
  private Flux<Heard> withSilences(Flux<String> frames) {
    Flux<Heard> marks = Flux.interval(silence, silence).map(tick -> Heard.SILENCE);
    Flux<Flux<Heard>> periods = Flux.concat(
        Mono.just(marks),
        frames.map(text -> Flux.merge(marks, Mono.just(new Heard(text)))),
        Mono.just(Flux.<Heard>empty()));
    return Flux.switchOnNext(periods).onBackpressureBuffer();
  }

  private Mono<Step> check(TaskHandle handle, Function<TaskHandle, Mono<TaskUpdate>> detail) {
    return Mono.defer(() -> {
      log.debug("The socket of wiro task {} was silent for {}: reading Task/Detail", handle.id(), silence);
      return detail.apply(handle);
    }).map(update -> new Step(update, update.status().isTerminal()));
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

  /** What the socket gave: a frame's text, or {@code null} for a period of silence. */
  private record Heard(@Nullable String frame) {
    static final Heard SILENCE = new Heard(null);
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
