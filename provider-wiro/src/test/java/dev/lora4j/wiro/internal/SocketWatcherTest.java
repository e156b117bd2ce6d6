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
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link SocketWatcher} on its own, against the socket of {@link WiroSimulator}. */
class SocketWatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
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

  @Test
  void aSilentSocketEndsTheWatchQuietlySoThatPollingTakesOver() {
    TaskHandle handle = queuedTask();
    AtomicInteger details = new AtomicInteger();
    try (SocketWatcher watcher = new SocketWatcher(sim.socketUrl(), codec, WAIT, Duration.ofMillis(300))) {
      StepVerifier.create(watcher.watch(handle, handle.token(), h -> Mono.fromSupplier(() -> {
            details.incrementAndGet();
            return TaskUpdate.builder(h, TaskStatus.RUNNING).build();
          })))
          .expectNextMatches(u -> u.status() == TaskStatus.WAITING && u.providerStatus().equals("task_queue"))
          .expectComplete()
          .verify(WAIT);
      assertThat(details).hasValue(0);
      StepVerifier.create(Mono.fromSupplier(watcher::openSockets).repeat().takeUntil(n -> n == 0).last())
          .expectNext(0).verifyComplete();
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
