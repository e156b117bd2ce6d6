package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import dev.lora4j.journal.DurableOptions;
import dev.lora4j.journal.DurableTaskClient;
import dev.lora4j.journal.JournalEntry;
import dev.lora4j.journal.TaskInDoubtException;
import dev.lora4j.journal.TaskJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the commands on a journal share ({@code generate --journal}, {@code tasks}, {@code resume}):
 * opening the H2 file, the durable client's options, and how entries are told to the user.
 */
final class Journals {

  /**
   * The lease of the tasks this process follows. The command is the only process on its H2 file
   * (H2 locks it), so leases never share tasks between live processes here: they only say when a
   * run that died stops holding its tasks. Five seconds (instead of the library's 30) let a {@code
   * resume} right after a crash or Ctrl-C take them over within about five seconds, and turn a
   * submission that died unanswered into an in-doubt entry as soon; the renewals this costs (every
   * 1.7 s) are a small update of a local file.
   */
  static final Duration LEASE = Duration.ofSeconds(5);

  private static final String H2_SUFFIX = ".mv.db";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Journals() {}

  /** {@code --journal FILE}, required: for {@code tasks} and {@code resume}. */
  static final class FileOption {
    @Option(names = "--journal", paramLabel = "FILE", required = true,
        description = "The journal: an H2 database file (FILE.mv.db), as written by 'generate --journal FILE'.")
    Path file;
  }

  /** The durable client's options: the library's defaults with a {@link #LEASE} of five seconds. */
  static DurableOptions options() {
    return DurableOptions.defaults().withLeaseTtl(LEASE);
  }

  /** The file H2 keeps the journal {@code file} in: {@code file} itself when it ends in {@code .mv.db}. */
  static Path database(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    return name.endsWith(H2_SUFFIX) ? absolute : absolute.resolveSibling(name + H2_SUFFIX);
  }

  /**
   * Opens the journal and migrates its tables now, so that a file that is no journal, is in use
   * by another run or was written by a newer lora4j is refused before anything is submitted.
   *
   * @param file the {@code --journal} file
   * @param create whether a missing journal is created ({@code generate}); else it is an error
   * @throws IllegalArgumentException if the journal is missing and not to be created
   * @throws dev.lora4j.journal.JournalException if the file cannot be used as a journal; the
   *     message names it
   */
  static TaskJournal open(Path file, boolean create) {
    Path db = database(file);
    // TaskJournal.h2 creates a missing database: a mistyped name must not leave an empty journal
    if (!create && !Files.exists(file) && !Files.exists(db)) {
      throw new IllegalArgumentException("no journal at " + db + " ('lora4j generate --journal " + file
          + "' starts one)");
    }
    TaskJournal journal = TaskJournal.h2(file);
    try {
      journal.migrate().block();
      return journal;
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /** A durable client submitting and following through the backend's client. */
  static DurableTaskClient durable(Backend backend, TaskJournal journal) {
    return DurableTaskClient.create(backend.client(), journal, options());
  }

  /** A key for a {@code generate} given none: 12 random hex digits, as {@code 3f9a0c61b2de}. */
  static String newKey() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The journal's record of a task's updates, ending with its terminal update; when {@code
   * timeout} passes first, it signals {@link TaskTimeoutException} (the task is left running and
   * stays in the journal: nothing is canceled).
   *
   * @param entry the task's entry, for its handle when no update came
   */
  static Flux<TaskUpdate> within(Flux<TaskUpdate> updates, JournalEntry entry, Duration timeout) {
    AtomicReference<@Nullable TaskUpdate> last = new AtomicReference<>();
    return updates.doOnNext(last::set)
        .takeUntilOther(Mono.delay(timeout))
        .concatWith(Flux.defer(() -> {
          TaskUpdate seen = last.get();
          if (seen != null && seen.status().isTerminal()) {
            return Flux.empty();
          }
          TaskHandle handle = seen != null ? seen.handle() : entry.handle().orElse(null);
          return Flux.error(handle != null
              ? new TaskTimeoutException(handle, timeout, seen, false, null)
              : new IllegalStateException("the task of key '" + entry.key() + "' was still being submitted after "
                  + timeout));
        }));
  }

  /** The timeout of a wait for journaled tasks: {@code --timeout}, else the watch's default. */
  static Duration timeout(@Nullable Duration timeout) {
    return timeout != null ? timeout : WatchOptions.DEFAULT_TIMEOUT;
  }

  /** What to do with a task left running: {@code resume} it, or {@code cancel} it when its handle is known. */
  static String leftRunning(Path journal, @Nullable TaskHandle handle) {
    return "it stays in the journal: 'lora4j resume --journal " + journal + "' follows it"
        + (handle == null ? "" : ", 'lora4j cancel " + handle.encode() + "' cancels it");
  }

  /**
   * Why a task is in doubt and what the user can do about it.
   *
   * @param provider the provider it was submitted to
   * @param reason why its answer was not recorded, when known
   */
  static String inDoubt(String provider, @Nullable String reason) {
    return "in doubt: its submission may have reached " + provider + " but the answer was never recorded ("
        + (reason != null ? reason : "a crash, a timeout or a server error") + "), so it is never submitted again by"
        + " itself. Look for the task in your " + provider + " account: if it is there, 'lora4j watch lora4j:" + provider
        + ":<task id>' follows it and saves its images; if not, generate it again under another --key.";
  }

  /** The reason in a {@link TaskInDoubtException}'s message, without the key and the library's advice. */
  static String reason(TaskInDoubtException e) {
    String message = String.valueOf(e.getMessage());
    String lead = "is in doubt: ";
    int start = message.indexOf(lead);
    int advice = message.lastIndexOf("; resolve it with");
    return start >= 0 && advice > start ? message.substring(start + lead.length(), advice) : message;
  }

  /**
   * The warning for tasks of an earlier run followed against an embedded simulator, which never
   * knew them.
   */
  static String embeddedWarning(String provider, int tasks, Path journal) {
    return "Warning: " + (tasks == 1 ? "this task of " + provider + " was" : "these " + tasks + " tasks of " + provider
        + " were") + " submitted by an earlier run, and the embedded simulator of this run cannot know "
        + (tasks == 1 ? "it" : "them") + " (a simulator's tasks vanish with its process): the journal will record "
        + (tasks == 1 ? "it" : "each") + " FAILED, 'the provider no longer knows the task'. If "
        + (tasks == 1 ? "it was" : "they were") + " submitted with your account, set its credentials ('lora4j providers'"
        + " names them): 'lora4j watch HANDLE' still follows " + (tasks == 1 ? "it" : "each one") + " ('lora4j tasks"
        + " --journal " + journal + "' lists the handles).";
  }

  /** Where an entry stands, in words: {@code unfinished, last status RUNNING}, {@code ended FINISHED}, ... */
  static String describe(JournalEntry entry) {
    String status = entry.status().map(Enum::name).orElse("no status yet");
    return switch (entry.state()) {
      case PENDING -> "being submitted (or its run died before the answer was recorded)";
      case SUBMITTED -> "unfinished, last status " + status;
      case IN_DOUBT -> "in doubt";
      case FINISHED -> "ended " + status;
      case ABANDONED -> "abandoned";
    };
  }

  /** Such as {@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
