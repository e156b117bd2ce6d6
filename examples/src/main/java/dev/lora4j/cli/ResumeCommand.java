package dev.lora4j.cli;

import dev.lora4j.TaskTimeoutException;
import dev.lora4j.journal.DurableTaskClient;
import dev.lora4j.journal.JournalEntry;
import dev.lora4j.journal.JournalState;
import dev.lora4j.journal.TaskInDoubtException;
import dev.lora4j.journal.TaskJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lora4j resume --journal FILE}: follows every unfinished task of a journal to its end and
 * saves its images, as {@code generate} does; reports the tasks in doubt and submits nothing.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Follow every unfinished task of a journal to its end, showing its updates by key, and save its"
        + " images; report the tasks in doubt, which are never submitted again. Exits with the worst outcome:"
        + " 1 (a provider could not be used), 2 (a task failed), 3 (canceled), 4 (still unfinished at the timeout),"
        + " 5 (in doubt), else 0.")
final class ResumeCommand implements Callable<Integer> {

  /** Exit codes from the worst outcome to the best. */
  private static final List<Integer> WORST_FIRST = List.of(ExitCodes.ERROR, ExitCodes.FAILED, ExitCodes.CANCELED,
      ExitCodes.TIMED_OUT, ExitCodes.IN_DOUBT, ExitCodes.FINISHED);

  @ParentCommand
  Lora4jCommand root;

  @Mixin
  Journals.FileOption journal;

  @Mixin
  FollowOptions follow;

  @Mixin
  SettingOptions settings;

  /** A provider's client and the durable client over it. */
  private record Follower(Backend backend, DurableTaskClient durable) {}

  @Override
  public Integer call() {
    Display display = root.display();
    try (TaskJournal tasks = Journals.open(journal.file, false)) {
      List<JournalEntry> unfinished = tasks.entries().filter(TasksCommand::unfinished).collectList().block();
      if (unfinished == null) {
        throw new IllegalStateException("the journal answered without its entries");
      }
      Map<String, List<JournalEntry>> byProvider = new LinkedHashMap<>();
      unfinished.forEach(e -> byProvider.computeIfAbsent(e.provider(), p -> new ArrayList<>()).add(e));
      Map<String, Follower> followers = new LinkedHashMap<>();
      Map<Integer, Integer> outcomes = new LinkedHashMap<>();
      int worst = ExitCodes.FINISHED;
      try {
        for (Map.Entry<String, List<JournalEntry>> group : byProvider.entrySet()) {
          String provider = group.getKey();
          int count = group.getValue().size();
          try {
            followers.put(provider, start(provider, count, tasks, display));
          } catch (RuntimeException e) {
            display.error("cannot resume the " + count + (count == 1 ? " task" : " tasks") + " of provider " + provider
                + ": " + Lora4jCommand.message(e), ExitCodes.ERROR);
            outcomes.merge(ExitCodes.ERROR, count, Integer::sum);
            worst = worse(worst, ExitCodes.ERROR);
          }
        }
        Instant deadline = Instant.now().plus(Journals.timeout(follow.timeout));
        for (JournalEntry entry : unfinished) {
          Follower follower = followers.get(entry.provider());
          if (follower != null) {
            int code = follow(entry, follower, deadline, display.forKey(entry.key()));
            if (code != ExitCodes.IN_DOUBT) {
              outcomes.merge(code, 1, Integer::sum);
            }
            worst = worse(worst, code);
          }
        }
        // after the followers: submissions whose runs died are in doubt by now (their leases ran out)
        List<JournalEntry> doubtful = tasks.entries().filter(e -> e.state() == JournalState.IN_DOUBT).collectList().block();
        int inDoubt = doubtful == null ? 0 : doubtful.size();
        if (doubtful != null) {
          for (JournalEntry e : doubtful) {
            display.forKey(e.key()).inDoubt(Journals.inDoubt(e.provider(), null));
            worst = worse(worst, ExitCodes.IN_DOUBT);
          }
        }
        display.notice(summary(outcomes, inDoubt));
        return worst;
      } finally {
        followers.values().forEach(f -> f.durable().close());
        followers.values().forEach(f -> f.backend().close());
      }
    }
  }

  /** Opens the provider's client and claims its unfinished tasks: their followers poll from now on. */
  private Follower start(String provider, int count, TaskJournal tasks, Display display) {
    Backend.Choice choice = Backend.choose(root.context.env(), provider, settings.settings());
    // never the embedded simulator: it cannot know tasks an earlier run submitted, and following
    // them there would record each one FAILED for good
    Backend backend = Backend.open(root.context, choice, follow.pollInterval, false);
    try {
      DurableTaskClient durable = Journals.durable(backend, tasks);
      try {
        durable.resume().block();
        return new Follower(backend, durable);
      } catch (RuntimeException e) {
        durable.close();
        throw e;
      }
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /** Shows one task's updates until it ends (or the deadline passes), then saves its images. */
  private int follow(JournalEntry entry, Follower follower, Instant deadline, Display display) {
    display.journaled(journal.file, entry, "Resuming "
        + entry.handle().map(h -> "task " + h.id() + " on " + h.provider() + " (handle " + h.encode() + ")")
            .orElse("a submission to " + entry.provider() + " whose answer is not recorded yet"));
    root.context.interrupts().armNotice("Interrupted: the unfinished tasks are left running: 'lora4j resume --journal "
        + journal.file + "' follows them again.");
    Duration left = Duration.between(Instant.now(), deadline);
    try {
      return TaskFollower.follow(root.context, follower.backend(), "the task of key '" + entry.key() + "'",
          Journals.within(follower.durable().watch(entry.key()), entry, left.isNegative() || left.isZero()
              ? Duration.ofMillis(1) : left), follow.out, display);
    } catch (TaskInDoubtException e) {
      // told with the others in doubt, once the followers are done
      return ExitCodes.IN_DOUBT;
    } catch (TaskTimeoutException e) {
      display.notice("Not finished within " + Journals.timeout(follow.timeout) + "; "
          + Journals.leftRunning(journal.file, e.handle()) + ".");
      return ExitCodes.TIMED_OUT;
    } catch (RuntimeException e) {
      int code = ExitCodes.of(e);
      display.error(Lora4jCommand.message(e), code);
      if (root.verbose) {
        e.printStackTrace(root.context.err());
      }
      return code;
    } finally {
      root.context.interrupts().disarm();
    }
  }

  private static int worse(int a, int b) {
    return WORST_FIRST.indexOf(a) <= WORST_FIRST.indexOf(b) ? a : b;
  }

  /** Such as {@code Resumed 3 tasks of /x/j.mv.db: 2 finished, 1 failed. 1 task is in doubt, not submitted again.} */
  private String summary(Map<Integer, Integer> outcomes, int inDoubt) {
    String journalName = Journals.database(journal.file).toString();
    String doubt = inDoubt == 0 ? "" : inDoubt + (inDoubt == 1 ? " task is" : " tasks are") + " in doubt, not submitted"
        + " again.";
    int resumed = outcomes.values().stream().mapToInt(Integer::intValue).sum();
    if (resumed == 0) {
      return doubt.isEmpty() ? "Nothing to resume in " + journalName + ": no unfinished task."
          : "Resume of " + journalName + ": " + doubt;
    }
    List<String> parts = new ArrayList<>();
    outcomes.forEach((code, n) -> parts.add(n + " " + switch (code) {
      case ExitCodes.FINISHED -> "finished";
      case ExitCodes.FAILED -> "failed";
      case ExitCodes.CANCELED -> "canceled";
      case ExitCodes.TIMED_OUT -> "still running";
      default -> "not followed (error)";
    }));
    return "Resumed " + resumed + (resumed == 1 ? " task" : " tasks") + " of " + journalName + ": "
        + String.join(", ", parts) + "." + (doubt.isEmpty() ? "" : " " + doubt);
  }
}
