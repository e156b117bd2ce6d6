package dev.lora4j.cli;

/** The {@code lora4j} command's entry point: {@code java -jar lora4j.jar <command> [options]}. */
public final class Main {

  private Main() {}

  /**
   * Runs the command and exits with its exit code (see {@link ExitCodes}).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Context context = new Context(System.getenv(), System.out, System.err, System.console() != null,
        InterruptGuard.install(System.err));
    System.exit(Lora4jCommand.execute(context, args));
  }
}
