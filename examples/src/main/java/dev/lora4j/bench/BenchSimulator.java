package dev.lora4j.bench;

import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;

/** The benchmark's Xalora simulator, in its own process; prints its base URL on the first line. */
public final class BenchSimulator {

  private BenchSimulator() {}

  /**
   * Starts the simulator and runs until killed.
   *
   * @param args the run time of each task, in seconds
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    int runSeconds = Integer.parseInt(args[0]);
    XaloraSimulator sim = XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .runTime(Duration.ofSeconds(runSeconds / 2), Duration.ofSeconds(runSeconds))
        .seed(42)
        .build()
        .start();
    System.out.println(sim.baseUrl());
    System.out.flush();
    Thread.currentThread().join();
  }
}
