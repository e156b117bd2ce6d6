package dev.lora4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.testkit.XaloraSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) on a real {@code lora4j generate} process cancels the remote task. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {

  @Test
  void ctrlCWhileWaitingCancelsTheRemoteTaskAndExits130(@TempDir Path dir) throws Exception {
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)).build().start()) {
      Path err = dir.resolve("err.txt");
      ProcessBuilder pb = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "generate", "a gecko", "--out", dir.toString()))
          .redirectError(err.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY);
      pb.environment().put("XALORA_WORKFLOW_URL", sim.baseUrl().toString());
      pb.environment().put("LORA4J_PROVIDER", "xalora");
      pb.environment().put("LORA4J_POLL_INTERVAL", "100ms");
      Process process = pb.start();
      try {
        Instant deadline = Instant.now().plusSeconds(60);
        while (sim.requests(XaloraSimulator.TASK_RESULT_QUERY).isEmpty()) {
          assertThat(process.isAlive()).as(read(err)).isTrue();
          assertThat(Instant.now()).as("the process never polled").isBefore(deadline);
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(read(err)).isTrue();
        assertThat(process.exitValue()).as(read(err)).isEqualTo(130);
        String id = sim.taskIds().get(0);
        assertThat(read(err)).contains("Interrupted: canceling task " + id + " on xalora").contains("Canceled task " + id);
        assertThat(sim.status(id)).hasValue("canceled");
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void ctrlCDuringTheSubmissionCancelsTheTaskOnceItIsCreated(@TempDir Path dir) throws Exception {
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)).build().start()) {
      // every task_create answer is held back 2 s: long enough to interrupt while it is in flight
      sim.faults(dev.lora4j.testkit.FaultPlan.builder().forEndpoint(XaloraSimulator.TASK_CREATE,
          dev.lora4j.testkit.EndpointFaults.builder().latency(1.0, Duration.ofSeconds(2)).build()).build());
      Path err = dir.resolve("err.txt");
      Process process = start(sim, dir, err);
      try {
        Instant deadline = Instant.now().plusSeconds(60);
        while (sim.requests(XaloraSimulator.TASK_CREATE).isEmpty()) {
          assertThat(process.isAlive()).as(read(err)).isTrue();
          assertThat(Instant.now()).as("the process never submitted").isBefore(deadline);
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        interrupt(process);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(read(err)).isTrue();
        assertThat(process.exitValue()).as(read(err)).isEqualTo(130);
        String id = sim.taskIds().get(0);
        assertThat(read(err)).contains("Interrupted: canceling task " + id).contains("Canceled task " + id);
        assertThat(sim.status(id)).hasValue("canceled");
        assertThat(sim.requests(XaloraSimulator.TASK_RESULT_QUERY)).isEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void ctrlCDuringTheDownloadLeavesNoFileUnderTheImagesName(@TempDir Path dir) throws Exception {
    try (XaloraSimulator sim = XaloraSimulator.builder()
        .queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(50)).build().start()) {
      // every download is held back 30 s: the interrupt comes while the image's name is reserved
      sim.faults(dev.lora4j.testkit.FaultPlan.builder().forEndpoint(XaloraSimulator.FILES,
          dev.lora4j.testkit.EndpointFaults.builder().latency(1.0, Duration.ofSeconds(30)).build()).build());
      Path out = Files.createDirectory(dir.resolve("out"));
      Path err = dir.resolve("err.txt");
      Process process = start(sim, out, err);
      try {
        Instant deadline = Instant.now().plusSeconds(60);
        while (sim.requests(XaloraSimulator.FILES).isEmpty()) {
          assertThat(process.isAlive()).as(read(err)).isTrue();
          assertThat(Instant.now()).as("the process never downloaded").isBefore(deadline);
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        String id = sim.taskIds().get(0);
        assertThat(out.resolve("xalora-" + id + "-0.png")).as("the reserved name").exists();
        interrupt(process);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(read(err)).isTrue();
        assertThat(process.exitValue()).as(read(err)).isEqualTo(130);
        try (var files = Files.list(out)) {
          assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".png"));
        }
        assertThat(sim.requests(XaloraSimulator.TASK_CANCEL)).isEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void aCommandThatEndsNormallyCancelsNothingOnExit(@TempDir Path dir) throws Exception {
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(50)).build().start()) {
      Path err = dir.resolve("err.txt");
      Process process = start(sim, dir, err);
      try {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(read(err)).isTrue();
        assertThat(process.exitValue()).as(read(err)).isZero();
        assertThat(read(err)).doesNotContain("Interrupted");
        assertThat(sim.requests(XaloraSimulator.TASK_CANCEL)).isEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static Process start(XaloraSimulator sim, Path dir, Path err) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "generate", "a gecko", "--out", dir.toString()))
        .redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY);
    pb.environment().put("XALORA_WORKFLOW_URL", sim.baseUrl().toString());
    pb.environment().put("LORA4J_PROVIDER", "xalora");
    pb.environment().put("LORA4J_POLL_INTERVAL", "100ms");
    return pb.start();
  }

  private static void interrupt(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
