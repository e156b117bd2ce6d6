package dev.lora4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BenchSimulator} in a child JVM, and the commands the benchmarks send it over its
 * standard input. Its standard error goes to this process's. Not thread-safe: one thread asks.
 */
final class SimulatorProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader from;
  private final PrintWriter to;
  private final String baseUrl;

  private SimulatorProcess(Process process) throws IOException {
    this.process = process;
    this.from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.to = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    String line = from.readLine();
    while (line != null && !line.startsWith("http")) {
      // a JVM option of the simulator's (a recording, a log) may print before the URL
      line = from.readLine();
    }
    if (line == null) {
      throw new IOException("the simulator ended before printing its base URL");
    }
    this.baseUrl = line;
  }

  /**
   * Starts a simulator and waits for its base URL.
   *
   * @param jvmOptions options of the child JVM, such as {@code -Xmx2g}
   * @param args the arguments of {@link BenchSimulator#main}
   * @return the running simulator
   * @throws IOException if it cannot be started or ends before printing its URL
   */
  static SimulatorProcess start(List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchSimulator.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      return new SimulatorProcess(process);
    } catch (IOException | RuntimeException e) {
      process.destroy();
      throw e;
    }
  }

  /** The simulator's base URL. */
  String baseUrl() {
    return baseUrl;
  }

  /** All requests the simulator has recorded so far. */
  long requests() {
    return ask("requests");
  }

  /** The {@code task_result_query} requests (polls and status queries) it has recorded so far. */
  long polls() {
    return ask("polls");
  }

  /**
   * The simulator's real transitions, one line per task: {@code id running ended}, epoch
   * microseconds, {@code -1} for none.
   */
  List<String> transitions() {
    try {
      Path file = Files.createTempFile("lora4j-transitions", ".txt");
      try {
        to.println("transitions " + file);
        from.readLine();
        return Files.readAllLines(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long ask(String command) {
    to.println(command);
    try {
      String answer = from.readLine();
      if (answer == null) {
        throw new IllegalStateException("the simulator ended before answering " + command);
      }
      return Long.parseLong(answer.trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }

  /** The {@code java} launcher of this JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
