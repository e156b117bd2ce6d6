package dev.lora4j.bench;

import dev.lora4j.testkit.TaskTransitions;
import dev.lora4j.testkit.XaloraSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmark's Xalora simulator, in its own process; prints its base URL on the first line, then
 * answers each line read from its standard input with the number of requests it has recorded,
 * except two commands: {@code polls} answers the number of {@code task_result_query} requests, and
 * {@code transitions FILE} writes one line per task to FILE, {@code id running ended} with the
 * times in epoch microseconds ({@code -1} for none), and answers {@code ok}.
 */
public final class BenchSimulator {

  private BenchSimulator() {}

  /**
   * Starts the simulator and runs until killed or until its standard input ends.
   *
   * @param args the run time of each task, in seconds; or {@code lognormal QUEUE_MEDIAN_MS
   *     QUEUE_SIGMA RUN_MEDIAN_MS RUN_SIGMA} for log-normal queue and run times
   * @throws IOException if standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
    XaloraSimulator.Builder builder = XaloraSimulator.builder().seed(42);
    if (args[0].equals("lognormal")) {
      builder.queueTimeLogNormal(Duration.ofMillis(Long.parseLong(args[1])), Double.parseDouble(args[2]))
          .runTimeLogNormal(Duration.ofMillis(Long.parseLong(args[3])), Double.parseDouble(args[4]));
    } else {
      int runSeconds = Integer.parseInt(args[0]);
      builder.queueTime(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .runTime(Duration.ofSeconds(runSeconds / 2), Duration.ofSeconds(runSeconds));
    }
    XaloraSimulator sim = builder.build().start();
    System.out.println(sim.baseUrl());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("polls")) {
        System.out.println(sim.requests("task_result_query").size());
      } else if (line.startsWith("transitions ")) {
        writeTransitions(sim, Path.of(line.substring("transitions ".length())));
        System.out.println("ok");
      } else {
        System.out.println(sim.requests().size());
      }
      System.out.flush();
    }
    sim.close();
  }

  private static void writeTransitions(XaloraSimulator sim, Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String id : sim.taskIds()) {
      TaskTransitions t = sim.transitions(id).orElseThrow();
      out.append(id).append(' ').append(t.running().map(Arrivals::micros).orElse(-1L))
          .append(' ').append(t.ended().map(Arrivals::micros).orElse(-1L)).append('\n');
    }
    Files.writeString(file, out);
  }
}
