package dev.lora4j.journal;

import dev.lora4j.TaskClient;
import dev.lora4j.testkit.XaloraSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The process {@link CrashRecoveryTest} kills: submits keyed tasks through a journal on an H2 file,
 * eight at a time, printing {@code SUBMITTED key id} as each submission is recorded, then waits to
 * be killed.
 */
public final class CrashChild {

  private CrashChild() {}

  /**
   * Runs the child.
   *
   * @param args the journal file, the simulator's base URL, the number of tasks
   */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    URI base = URI.create(args[1]);
    int count = Integer.parseInt(args[2]);
    TaskClient client = dev.lora4j.TaskClients.create(dev.lora4j.ClientOptions.builder()
        .environment(java.util.Map.of()).systemProperties(new java.util.Properties()).provider("xalora")
        .apiKey(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY).baseUrl(base)
        .pollInterval(Duration.ofMillis(100)).build());
    TaskJournal journal = TaskJournal.h2(file);
    DurableTaskClient durable = DurableTaskClient.create(client, journal,
        DurableOptions.defaults().withOwner("child").withLeaseTtl(Duration.ofSeconds(1)));
    journal.migrate().block();
    print("READY");
    Flux.range(0, count)
        .flatMap(i -> durable.submit(JournalFixture.request("k" + i), "k" + i)
            .doOnNext(e -> print("SUBMITTED k" + i + " " + e.handle().orElseThrow().id()))
            .onErrorResume(e -> {
              print("FAILED k" + i + " " + e.getClass().getSimpleName());
              return Mono.empty();
            }), 8)
        .blockLast();
    print("ALL SUBMITTED");
    Mono.never().block();
  }

  private static void print(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
