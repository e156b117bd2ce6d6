package dev.lora4j.bench;

import dev.lora4j.testkit.XaloraSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The benchmark's Xalora simulator, in its own process; prints its base URL on the first line, then
 * answers each line read from its standard input with the number of requests it has recorded.
 */
public final class BenchSimulator {

  private BenchSimulator() {}

  /**
   * Starts the simulator and runs until killed or until its standard input ends.
   *
   * @param args the run time of each task, in seconds
   * @throws IOException if standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
    int runSeconds = Integer.parseInt(args[0]);
    XaloraSimulator sim = XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .runTime(Duration.ofSeconds(runSeconds / 2), Duration.ofSeconds(runSeconds))
        .seed(42)
        .build()
        .start();
    System.out.println(sim.baseUrl());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      System.out.println(sim.requests().size());
      System.out.flush();
    }
    sim.close();
  }
}
