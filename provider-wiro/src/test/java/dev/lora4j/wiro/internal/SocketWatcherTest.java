package dev.lora4j.wiro.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.testkit.WiroSimulator;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** {@link SocketWatcher} on its own, against the socket of {@link WiroSimulator}. */
class SocketWatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SILENCE = Duration.ofSeconds(60);
  private final WiroCodec codec = new WiroCodec(ProviderHttpClient.json(), Redactor.none(), "test credentials");
  private WiroSimulator sim;
  private TaskClient client;

  @BeforeEach
  void start() {
    sim = WiroSimulator.builder().queueTime(Duration.ofSeconds(30)).build().start();
    client = TaskClients.create(ClientOptions.builder()
        .environment(Map.of(
            "WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY, "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
            "WIRO_BASE_URL", sim.baseUrl().toString(), "WIRO_SOCKET_URL", sim.socketUrl().toString()))
        .systemProperties(new Properties())
        .build());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private TaskHandle queuedTask() {
    return client.submit(TextToImage.of("a fox", "678")).block(WAIT);
  }

  private static String frame(String type, String message) {
    return "{\"type\":\"" + type + "\",\"id\":\"1\",\"tasktoken\":\"tok\",\"result\":true,\"message\":"
        + message + "}";
  }

  /** A loopback socket that sends each connection the given frames, then stays open. */
  private static DisposableServer socketSending(Flux<String> frames) {
    return HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.ws("/v1", (in, out) ->
            Flux.merge(in.receive().then(), out.sendString(frames).then())))
        .bindNow(WAIT);
  }

  private static URI socketUrl(DisposableServer server) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/v1");
  }

  @Test
  void aSilentSocketIsReadWithTaskDetailAfterEachSilenceUntilATerminalAnswerEndsTheWatch() {
    TaskHandle handle = queuedTask();
    AtomicInteger details = new AtomicInteger();
    try (SocketWatcher watcher = new SocketWatcher(sim.socketUrl(), codec, WAIT, SILENCE)) {
      StepVerifier.withVirtualTime(() -> watcher.watch(handle, handle.token(), h -> Mono.fromSupplier(() -> {
            int n = details.incrementAndGet();
            return n < 3
                ? TaskUpdate.builder(h, TaskStatus.WAITING).providerStatus("task_queue").queuePosition(n).build()
                : TaskUpdate.builder(h, TaskStatus.FAILED).providerStatus("task_error").build();
          })))
          .expectNextMatches(u -> u.status() == TaskStatus.WAITING && u.queuePosition().isEmpty())
          .expectNoEvent(SILENCE.minusMillis(1))
          .thenAwait(Duration.ofMillis(1))
          .expectNextMatches(u -> u.queuePosition().equals(OptionalInt.of(1)))
          .expectNoEvent(SILENCE.minusMillis(1))
          .thenAwait(Duration.ofMillis(1))
          .expectNextMatches(u -> u.queuePosition().equals(OptionalInt.of(2)))
          .thenAwait(SILENCE)
          .expectNextMatches(u -> u.status() == TaskStatus.FAILED && u.providerStatus().equals("task_error"))
          .expectComplete()
          .verify(WAIT);
      assertThat(details).hasValue(3);
      assertThat(sim.status(handle.id())).hasValue("task_queue");
      StepVerifier.create(Mono.fromSupplier(watcher::openSockets).repeat().takeUntil(n -> n == 0).last())
          .expectNext(0).verifyComplete();
    }
  }

  @Test
  void everyFrameRestartsTheSilenceAndTheSocketIsStillFollowedAfterACheck() {
    Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
    DisposableServer server = socketSending(frames.asFlux());
    TaskHandle handle = new TaskHandle("wiro", "1", "tok");
    AtomicInteger details = new AtomicInteger();
    try (SocketWatcher watcher = new SocketWatcher(socketUrl(server), codec, WAIT, SILENCE)) {
      StepVerifier.withVirtualTime(() -> watcher.watch(handle, "tok", h -> Mono.fromSupplier(() ->
            details.incrementAndGet() == 1
                ? TaskUpdate.builder(h, TaskStatus.RUNNING).providerStatus("task_output").message("checked").build()
                : TaskUpdate.builder(h, TaskStatus.FINISHED).providerStatus("task_postprocess_end").build())))
          .then(() -> frames.tryEmitNext(frame("task_start", "null")))
          .expectNextMatches(u -> u.providerStatus().equals("task_start"))
          .thenAwait(SILENCE.minusSeconds(1))
          .then(() -> frames.tryEmitNext(frame("task_output", "\"step 1\"")))
          .expectNextMatches(u -> u.message().equals(Optional.of("step 1")))
          .expectNoEvent(SILENCE.minusSeconds(1))
          .then(() -> assertThat(details).hasValue(0))
          .thenAwait(Duration.ofSeconds(1))
          .expectNextMatches(u -> u.message().equals(Optional.of("checked")))
          .then(() -> frames.tryEmitNext(frame("task_output", "\"step 2\"")))
          .expectNextMatches(u -> u.message().equals(Optional.of("step 2")))
          .then(() -> frames.tryEmitNext(frame("task_postprocess_end", "[]")))
          .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
          .expectComplete()
          .verify(WAIT);
      assertThat(details).hasValue(2);
    } finally {
      server.disposeNow();
    }
  }

  @Test
  void acceptsATextFrameLargerThanOneMebibyte() {
    String log = "0%|          | 0/20\\n".repeat(300_000);
    DisposableServer server = socketSending(Flux.just(
        frame("task_output_full", "{\"raw\":\"" + log + "\"}"), frame("task_end", "null")));
    TaskHandle handle = new TaskHandle("wiro", "1", "tok");
    try (SocketWatcher watcher = new SocketWatcher(socketUrl(server), codec, WAIT, SILENCE)) {
      assertThat(frame("task_output_full", "{\"raw\":\"" + log + "\"}").length())
          .isGreaterThan(6 * 1024 * 1024).isLessThan(SocketWatcher.MAX_FRAME);

      StepVerifier.create(watcher.watch(handle, "tok", h -> Mono.empty()))
          .expectNextMatches(u -> u.providerStatus().equals("task_output_full"))
          .expectNextMatches(u -> u.providerStatus().equals("task_end"))
          .thenCancel()
          .verify(WAIT);
      assertThat(SocketWatcher.MAX_FRAME).isEqualTo(8 * 1024 * 1024);
    } finally {
      server.disposeNow();
    }
  }

  @Test
  void aTerminalFrameIsFollowedByExactlyOneDetailReadWhoseUpdateEndsTheWatch() {
    TaskHandle handle = queuedTask();
    AtomicInteger details = new AtomicInteger();
    try (SocketWatcher watcher = new SocketWatcher(sim.socketUrl(), codec, WAIT, WAIT)) {
      StepVerifier.create(watcher.watch(handle, handle.token(), h -> Mono.fromSupplier(() -> {
            details.incrementAndGet();
            return TaskUpdate.builder(h, TaskStatus.CANCELED).providerStatus("task_cancel").build();
          })))
          .expectNextMatches(u -> u.providerStatus().equals("task_queue"))
          .then(() -> client.cancel(handle).block(WAIT))
          .expectNextMatches(u -> u.providerStatus().equals("task_cancel"))
          .expectComplete()
          .verify(WAIT);

      assertThat(details).hasValue(1);
    }
  }

  @Test
  void aRefusedTokenFailsTheWatch() {
    try (SocketWatcher watcher = new SocketWatcher(sim.socketUrl(), codec, WAIT, WAIT)) {
      StepVerifier.create(watcher.watch(new TaskHandle("wiro", "1", "no-such-token"), "no-such-token", h -> Mono.empty()))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ProtocolException.class)
              .hasMessageContaining("There is no task yet."))
          .verify(WAIT);
    }
  }

  @Test
  void anUnreachableSocketFailsAsUnavailable() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    URI closed = URI.create("ws://127.0.0.1:" + port + "/v1");
    try (SocketWatcher watcher = new SocketWatcher(closed, codec, WAIT, WAIT)) {
      StepVerifier.create(watcher.watch(new TaskHandle("wiro", "1", "token"), "token", h -> Mono.empty()))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ProviderUnavailableException.class)
              .hasMessageContaining("127.0.0.1:" + port).hasMessageNotContaining("token"))
          .verify(WAIT);
      assertThat(watcher.openSockets()).isZero();
    }
  }
}
