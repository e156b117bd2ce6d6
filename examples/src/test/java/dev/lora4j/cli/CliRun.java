package dev.lora4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run of the {@code lora4j} command with its own environment and captured output.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Context context = new Context(env, new PrintStream(out, true, StandardCharsets.UTF_8), errStream, false,
        InterruptGuard.none(errStream));
    int code = Lora4jCommand.execute(context, args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
