package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskStatus;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/**
 * Ten browsers watching one task cost the provider one polling loop (the client's rule 6, across
 * HTTP clients), and ten asking for its image one download.
 */
class SharedPollingTest extends SimulatedAppTest {

  private static final int STREAMS = 10;
  /** The client's poll interval against the simulator (demo.simulator.poll-interval). */
  private static final Duration INTERVAL = Duration.ofMillis(250);

  @Test
  void tenStreamsOfOneTaskShareOnePollingLoop() {
    String handle = submit(Map.of("prompt", "a gecko watched by ten tabs", "width", 128, "height", 128));
    long start = System.nanoTime();

    List<List<TaskEvent>> streams = Flux.range(0, STREAMS)
        .flatMap(i -> events(handle).map(ServerSentEvent::data).collectList(), STREAMS)
        .collectList().block(TASK_TIMEOUT);

    Duration watched = Duration.ofNanos(System.nanoTime() - start);
    assertThat(streams).hasSize(STREAMS).allSatisfy(events -> {
      assertThat(events.get(events.size() - 1).status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(events.stream().filter(TaskEvent::terminal)).hasSize(1);
    });
    int polls = simulator().calls(XaloraSimulator.TASK_RESULT_QUERY, id(handle));
    long oneLoop = watched.toMillis() / INTERVAL.toMillis() + 1;
    // one loop polls about once an interval; ten loops would make ten times as many
    assertThat(polls).as("status polls in %d ms, one loop would make about %d", watched.toMillis(), oneLoop)
        .isBetween(2, (int) oneLoop + 2)
        .isLessThan(STREAMS * (int) oneLoop / 3);
  }

  @Test
  void tenRequestsForOneOutputDownloadItOnce() {
    String handle = submit(Map.of("prompt", "a gecko shown in ten tabs", "width", 200, "height", 120));
    String url = Objects.requireNonNull(events(handle).map(ServerSentEvent::data).blockLast(TASK_TIMEOUT)).outputs().get(0);
    int queries = simulator().calls(XaloraSimulator.TASK_RESULT_QUERY, id(handle));

    List<byte[]> images = Flux.range(0, STREAMS)
        .flatMap(i -> web.get().uri(url).retrieve().bodyToMono(byte[].class), STREAMS)
        .collectList().block(TASK_TIMEOUT);

    assertThat(images).hasSize(STREAMS).allSatisfy(png -> assertThat(png).isEqualTo(images.get(0)));
    assertThat(simulator().calls(XaloraSimulator.FILES, id(handle))).isEqualTo(1);
    // the result came from the stream's terminal update: no status query for the outputs
    assertThat(simulator().calls(XaloraSimulator.TASK_RESULT_QUERY, id(handle))).isEqualTo(queries);
  }
}
