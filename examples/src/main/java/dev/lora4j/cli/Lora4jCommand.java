package dev.lora4j.cli;

import dev.lora4j.AuthenticationException;
import dev.lora4j.Lora4jException;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.spi.PositiveDuration;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code lora4j} command line: generate images and follow tasks on any provider. */
@Command(
    name = "lora4j",
    mixinStandardHelpOptions = true,
    version = "lora4j 0.1.0-SNAPSHOT",
    description = "Generate images with LoRA models on remote GPU providers.%n"
        + "With no credentials in the environment, runs against an embedded simulator.",
    subcommands = {
      GenerateCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      CancelCommand.class,
      TasksCommand.class,
      ResumeCommand.class,
      ProvidersCommand.class,
      SimulateCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the task finished (or the command succeeded)",
      "1:usage or configuration error (bad argument, missing credential, unreachable host)",
      "2:the task failed",
      "3:the task was canceled",
      "4:the task timed out (and was canceled, unless the message says otherwise or it is journaled)",
      "5:a journaled task is in doubt (its submission's answer was never recorded; see 'tasks')",
      "130:interrupted with Ctrl-C (the task was canceled, unless it is journaled: then it is left running)"
    })
final class Lora4jCommand implements Runnable {

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON object per event on standard output.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only results (saved paths, handles).")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print stack traces of errors, and a task's queue and run times at its end.")
  boolean verbose;

  final Context context;

  Lora4jCommand(Context context) {
    this.context = context;
  }

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, such as generate");
  }

  Display display() {
    return new Display(context, json, quiet, verbose);
  }

  /**
   * Runs the command line.
   *
   * @return the exit code
   */
  static int execute(Context context, String... args) {
    Lora4jCommand root = new Lora4jCommand(context);
    CommandLine cli = new CommandLine(root);
    cli.setOut(new java.io.PrintWriter(context.out(), true));
    cli.setErr(new java.io.PrintWriter(context.err(), true));
    cli.registerConverter(Duration.class, DurationConverter::parse);
    cli.setParameterExceptionHandler((e, rest) -> {
      context.err().println("lora4j: " + e.getMessage());
      CommandLine failed = e.getCommandLine();
      context.err().println("Try 'lora4j " + (failed.getParent() == null ? "" : failed.getCommandName() + " ")
          + "--help' for usage.");
      return ExitCodes.ERROR;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      int code = ExitCodes.of(e);
      root.display().error(message(e), code);
      if (root.verbose) {
        e.printStackTrace(context.err());
      }
      return code;
    });
    return cli.execute(args);
  }

  /** One line naming the cause. */
  static String message(Throwable e) {
    if (e instanceof TaskTimeoutException t) {
      return t.canceled() ? t.getMessage()
          : t.getMessage() + " (cancel it with 'lora4j cancel " + t.handle().encode() + "')";
    }
    if (e instanceof AuthenticationException) {
      return "missing or rejected credential: " + e.getMessage();
    }
    if (e instanceof Lora4jException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return e.toString();
  }

  /** Reads durations as {@code 500ms}, {@code 3s}, {@code 2m} or ISO-8601 {@code PT3S}. */
  static final class DurationConverter {
    private DurationConverter() {}

    static Duration parse(String text) {
      Duration d = dev.lora4j.ClientOptions.parseDuration(text);
      if (!PositiveDuration.isPositive(d)) {
        throw new CommandLine.TypeConversionException("must be positive, was '" + text + "'");
      }
      return d;
    }
  }
}
