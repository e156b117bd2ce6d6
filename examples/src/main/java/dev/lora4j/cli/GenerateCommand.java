package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TextToImage;
import dev.lora4j.journal.DurableTaskClient;
import dev.lora4j.journal.JournalEntry;
import dev.lora4j.journal.JournalState;
import dev.lora4j.journal.TaskInDoubtException;
import dev.lora4j.journal.TaskJournal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;

/** {@code lora4j generate}: submit a text-to-image task, show its status, save the image. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate an image from a prompt with a LoRA model, show the task's status, and save the image.")
final class GenerateCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "What to draw (default: the seed's gecko prompt).")
  String prompt;

  @Option(names = "--lora", description = "The LoRA model (default: one the provider's simulator knows, where the command knows one).")
  String lora;

  @Option(names = "--width", description = "Width in pixels (64 to 2048).")
  Integer width;

  @Option(names = "--height", description = "Height in pixels (64 to 2048).")
  Integer height;

  @Option(names = "--steps", description = "Inference steps.")
  Integer steps;

  @Option(names = "--seed", description = "Noise seed.")
  Long seed;

  @Option(names = "--guidance", description = "Guidance scale.")
  Double guidance;

  @Option(names = "--provider", description = "The provider's name, as 'lora4j providers' lists them (default: LORA4J_PROVIDER, else chosen).")
  String provider;

  @Mixin
  FollowOptions follow;

  @Mixin
  SettingOptions settings;

  @Option(names = "--detach", description = "Print the task's handle and exit without waiting.")
  boolean detach;

  @Option(names = "--journal", paramLabel = "FILE",
      description = "Record the task in this journal (an H2 database, FILE.mv.db, created if missing), so that"
          + " 'lora4j resume --journal FILE' follows it after a crash or Ctrl-C, which then leave it running.")
  Path journal;

  @Option(names = "--key", paramLabel = "KEY",
      description = "With --journal: the task's key in the journal (default: a new random one, printed). The same"
          + " key again never submits again: it follows the recorded task and saves its images.")
  String key;

  @Override
  public Integer call() {
    if (key != null && journal == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--key needs --journal FILE");
    }
    if (journal != null) {
      return journaled();
    }
    Display display = root.display();
    Backend.Choice chosen = Backend.choose(root.context.env(), provider, settings.settings());
    TextToImage request = request(chosen.name());
    try (Backend backend = Backend.open(root.context, chosen, follow.pollInterval, true)) {
      // cached: Ctrl-C during the submission waits for this one answer and cancels that task
      Mono<TaskHandle> submission = backend.client().submit(request).cache();
      root.context.interrupts().arm(backend.client(), submission);
      TaskHandle handle;
      try {
        handle = submission.block();
      } catch (RuntimeException e) {
        root.context.interrupts().disarm();
        throw e;
      }
      if (handle == null) {
        throw new IllegalStateException("the provider answered without a task");
      }
      if (detach) {
        root.context.interrupts().disarm();
        if (backend.embedded()) {
          display.notice("Note: the embedded simulator stops with this process; use a real account or 'lora4j simulate' to resume tasks later.");
        }
        display.handle(handle);
        return ExitCodes.FINISHED;
      }
      display.submitted(handle);
      return TaskFollower.follow(root.context, backend, handle, follow.watchOptions(), follow.out, display);
    }
  }

  /**
   * {@code --journal}: submits once per key through the journal, then shows the journal's record
   * of the task as it is written, and saves the images. Ctrl-C, a crash and {@code --timeout}
   * leave the task running, for {@code resume}.
   */
  private int journaled() {
    String chosenKey = key != null ? key : Journals.newKey();
    Display display = root.display().forKey(chosenKey);
    try (TaskJournal tasks = Journals.open(journal, true)) {
      JournalEntry recorded = tasks.entry(chosenKey).block();
      String requested = provider;
      if (recorded != null) {
        if (provider != null && !provider.equals(recorded.provider())) {
          throw new IllegalArgumentException("the key '" + chosenKey + "' is a task of provider " + recorded.provider()
              + " in the journal " + Journals.database(journal) + ", not of " + provider);
        }
        requested = recorded.provider();
      }
      Backend.Choice chosen = Backend.choose(root.context.env(), requested, settings.settings());
      TextToImage request = request(chosen.name());
      try (Backend backend = Backend.open(root.context, chosen, follow.pollInterval, true)) {
        DurableTaskClient durable = Journals.durable(backend, tasks);
        try {
          return submitAndFollow(backend, durable, request, chosenKey, recorded, display);
        } finally {
          // an error ends the run: the exit must not look like Ctrl-C to the guard
          root.context.interrupts().disarm();
          durable.close(); // the journal, closed after it, waits for its lease release
        }
      }
    }
  }

  /** Submits unless the key is recorded, then follows the journal's record of the task and saves its images. */
  private int submitAndFollow(Backend backend, DurableTaskClient durable, TextToImage request, String chosenKey,
      @Nullable JournalEntry recorded, Display display) {
    if (recorded == null) {
      display.journaled(journal, null, "Journal key " + chosenKey + " in " + Journals.database(journal)
          + (key == null ? " (pass --key " + chosenKey + " to return to this task instead of submitting again)" : ""));
    } else {
      display.journaled(journal, recorded, "Key " + chosenKey + " is already in the journal: "
          + recorded.handle().map(h -> "task " + h.id() + " on " + h.provider()).orElse("a task of " + recorded.provider())
          + ", " + Journals.describe(recorded) + "; not submitted again.");
      if (backend.embedded() && !recorded.state().isClosed()) {
        display.notice(Journals.embeddedWarning(recorded.provider(), 1, journal));
      }
    }
    if (backend.embedded()) {
      display.notice("Note: the embedded simulator stops with this process; a task it runs cannot be resumed by a"
          + " later run (use a real account or 'lora4j simulate' for that).");
    }
    root.context.interrupts().armNotice("Interrupted: the task of key '" + chosenKey + "' is left running: "
        + Journals.leftRunning(journal, null) + ".");
    JournalEntry entry;
    try {
      entry = durable.submit(request, chosenKey).block();
    } catch (TaskInDoubtException e) {
      display.error("the task is " + Journals.inDoubt(backend.provider(), recorded != null ? null : Journals.reason(e)),
          ExitCodes.IN_DOUBT);
      return ExitCodes.IN_DOUBT;
    }
    if (entry == null || entry.handle().isEmpty()) {
      throw new IllegalStateException("the journal answered without a task");
    }
    TaskHandle handle = entry.handle().get();
    if (recorded == null || recorded.handle().isEmpty()) {
      display.submitted(handle);
    }
    if (detach) {
      display.handle(handle);
      return ExitCodes.FINISHED;
    }
    root.context.interrupts().armNotice("Interrupted: task " + handle.id() + " (key '" + chosenKey
        + "') is left running: " + Journals.leftRunning(journal, handle) + ".");
    try {
      return TaskFollower.follow(root.context, backend, "the task of key '" + chosenKey + "'",
          Journals.within(durable.watch(chosenKey), entry, Journals.timeout(follow.timeout)), follow.out, display);
    } catch (TaskTimeoutException e) {
      display.notice("Task " + handle.id() + " did not finish in time; " + Journals.leftRunning(journal, null) + ".");
      throw e;
    } catch (RuntimeException e) {
      if (backend.embedded() && recorded != null && recorded.state() == JournalState.FINISHED) {
        display.notice("The task ended before this run; if an embedded simulator ran it, its images went with that"
            + " simulator's process and cannot be downloaded again.");
      }
      throw e;
    }
  }

  private TextToImage request(String providerName) {
    String chosenLora = lora != null ? lora
        : Embedded.defaultLora(providerName)
            .orElseThrow(() -> new IllegalArgumentException("--lora is required for provider " + providerName));
    TextToImage.Builder b = TextToImage.builder()
        .prompt(prompt == null ? Embedded.SEED_PROMPT : prompt)
        .lora(chosenLora);
    if (width != null) {
      b.width(width);
    }
    if (height != null) {
      b.height(height);
    }
    if (steps != null) {
      b.steps(steps);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (guidance != null) {
      b.guidance(guidance);
    }
    return b.build();
  }
}
