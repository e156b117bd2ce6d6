package dev.lora4j.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of the command sees of the world: the environment, the output streams, whether the
 * output is a terminal, and the Ctrl-C handler. Tests pass their own.
 *
 * @param env the environment variables
 * @param out where results go (file paths, handles, JSON lines)
 * @param err where progress and messages go
 * @param terminal whether to draw the live one-line display
 * @param interrupts cancels the running task on Ctrl-C
 */
record Context(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal, InterruptGuard interrupts) {

  Context {
    env = Map.copyOf(env);
  }
}
