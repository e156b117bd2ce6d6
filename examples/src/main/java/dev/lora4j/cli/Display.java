package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskUpdate;
import dev.lora4j.journal.JournalEntry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the command shows a task: on a terminal one line redrawn in place and a progress bar while
 * downloading; otherwise one plain line per change; {@code --json} one JSON object per event on
 * standard output; {@code --quiet} only the saved files' paths. Messages go to standard error,
 * results (paths, handles, JSON) to standard output. Thread-safe.
 *
 * <p>The task's queue and run times, as far as known at each update, go into the JSON update
 * events ({@code queueMs}, {@code runMs}) and, with {@code --verbose}, into a last line on standard
 * error. The queue time runs from the submission (or the first {@code WAITING} update of a task
 * only watched) to the first {@code RUNNING} update, the run time from there to the terminal
 * status, both by the updates' {@code observedAt} on this machine's clock.
 *
 * <p>A display {@linkplain #forKey for a journal's key} shows one journaled task: its lines start
 * with the key and its JSON events carry it as {@code key}.
 */
final class Display {

  enum Mode { LIVE, PLAIN, JSON, QUIET }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BAR = 24;

  private final Mode mode;
  private final PrintStream out;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private final boolean verbose;
  /** The journal key of the task shown, or {@code null}. */
  private final @Nullable String key;
  private TaskUpdate last;
  private boolean lineOpen;
  /** When the task was submitted or first seen waiting; {@code null} before. */
  private Instant queuedSince;
  /** When the task was first seen running; {@code null} before. */
  private Instant runningSince;
  /** When the task was seen ending; {@code null} before. */
  private Instant endedAt;

  Display(Context context, boolean json, boolean quiet) {
    this(context, json, quiet, false);
  }

  Display(Context context, boolean json, boolean quiet, boolean verbose) {
    this(json ? Mode.JSON : quiet ? Mode.QUIET : context.terminal() ? Mode.LIVE : Mode.PLAIN, context.out(),
        context.err(), verbose, null);
  }

  private Display(Mode mode, PrintStream out, PrintStream err, boolean verbose, @Nullable String key) {
    this.mode = mode;
    this.out = out;
    this.err = err;
    this.verbose = verbose;
    this.key = key;
  }

  /** A display of the same kind for the task of a journal's key, with times of its own. */
  Display forKey(String key) {
    return new Display(mode, out, err, verbose, key);
  }

  /** Such as {@code order-17: }, before each line about a journaled task; empty otherwise. */
  private String prefix() {
    return key == null ? "" : key + ": ";
  }

  Mode mode() {
    return mode;
  }

  synchronized void notice(String message) {
    if (mode == Mode.QUIET) {
      return;
    }
    if (mode == Mode.JSON) {
      ObjectNode event = event("notice");
      event.put("message", message);
      out.println(event);
      return;
    }
    endLine();
    err.println(prefix() + message);
  }

  /**
   * Says which journal key the task is recorded under, before it is submitted or followed.
   *
   * @param journal the journal file
   * @param recorded the entry already in the journal under the key, or {@code null} for a new one
   * @param message what to tell the user
   */
  synchronized void journaled(Path journal, @Nullable JournalEntry recorded, String message) {
    if (mode == Mode.JSON) {
      ObjectNode event = event("journal");
      event.put("journal", journal.toString());
      event.put("recorded", recorded != null);
      if (recorded != null) {
        event.put("state", recorded.state().name());
        recorded.handle().ifPresent(h -> event.put("handle", h.encode()));
      }
      event.put("message", message);
      out.println(event);
    } else if (mode != Mode.QUIET) {
      endLine();
      err.println(prefix() + message);
    }
  }

  /** Reports a journaled task in doubt, with what to do about it; on standard error even with {@code --quiet}. */
  synchronized void inDoubt(String message) {
    if (mode == Mode.JSON) {
      ObjectNode event = event("inDoubt");
      event.put("message", message);
      out.println(event);
      return;
    }
    endLine();
    err.println(prefix() + message);
  }

  synchronized void submitted(TaskHandle handle) {
    queuedSince = Instant.now();
    if (mode == Mode.JSON) {
      ObjectNode event = event("submitted");
      event.put("handle", handle.encode());
      out.println(event);
    } else if (mode != Mode.QUIET) {
      endLine();
      err.println(prefix() + "Submitted task " + handle.id() + " to " + handle.provider() + " (handle " + handle.encode() + ")");
    }
  }

  synchronized void update(TaskUpdate update) {
    last = update;
    time(update);
    switch (mode) {
      case JSON:
        out.println(json(update));
        break;
      case PLAIN:
        err.println(prefix() + describe(update));
        break;
      case LIVE:
        redraw(prefix() + describe(update));
        if (update.status().isTerminal()) {
          endLine();
        }
        break;
      default:
        break;
    }
  }

  /** Records the moments of the queue and run times that {@code update} is the first to show. */
  private void time(TaskUpdate update) {
    Instant at = update.observedAt();
    switch (update.status()) {
      case WAITING -> {
        if (queuedSince == null) {
          queuedSince = at;
        }
      }
      case RUNNING -> {
        if (runningSince == null) {
          runningSince = at;
        }
      }
      default -> {
        if (update.status().isTerminal() && endedAt == null) {
          endedAt = at;
        }
      }
    }
  }

  /** The queue time as far as known at {@code now}; {@code null} when the task was never seen queued. */
  private Duration queueTime(Instant now) {
    if (queuedSince == null) {
      return null;
    }
    Instant until = runningSince != null ? runningSince : endedAt != null ? endedAt : now;
    return nonNegative(Duration.between(queuedSince, until));
  }

  /** The run time as far as known at {@code now}; {@code null} when the task was never seen running. */
  private Duration runTime(Instant now) {
    if (runningSince == null) {
      return null;
    }
    return nonNegative(Duration.between(runningSince, endedAt != null ? endedAt : now));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** With {@code --verbose}: the task's queue and run times, one line on standard error. */
  synchronized void timings() {
    if (!verbose || last == null) {
      return;
    }
    Instant now = last.observedAt();
    Duration queue = queueTime(now);
    Duration run = runTime(now);
    endLine();
    err.println(prefix() + "Timings of task " + last.handle().id() + ": queued " + (queue == null ? "unknown" : seconds(queue))
        + ", ran " + (run == null ? "unknown" : seconds(run)) + ", " + elapsed() + " in all");
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%d.%03ds", d.toSeconds(), d.toMillisPart());
  }

  /** Redraws the live line with a fresh elapsed time; called on a timer. */
  synchronized void tick() {
    if (mode == Mode.LIVE && last != null && !last.status().isTerminal()) {
      redraw(prefix() + describe(last));
    }
  }

  synchronized void downloading(TaskOutput output, Path target, long bytes) {
    if (mode != Mode.LIVE) {
      return;
    }
    OptionalLong total = output.size();
    StringBuilder line = new StringBuilder("Downloading ").append(target.getFileName()).append(' ');
    if (total.isPresent() && total.getAsLong() > 0) {
      double share = Math.min(1.0, (double) bytes / total.getAsLong());
      int filled = (int) Math.round(share * BAR);
      line.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
          .append(Math.round(share * 100)).append("% ");
      line.append(kib(bytes)).append(" / ").append(kib(total.getAsLong()));
    } else {
      line.append(kib(bytes));
    }
    redraw(line.toString());
  }

  synchronized void saved(Path file, long bytes) {
    switch (mode) {
      case JSON:
        ObjectNode event = event("saved");
        event.put("path", file.toString());
        event.put("bytes", bytes);
        out.println(event);
        break;
      case QUIET:
        out.println(file);
        break;
      default:
        clearLine();
        out.println("Saved " + file + " (" + kib(bytes) + ")");
    }
  }

  synchronized void handle(TaskHandle handle) {
    if (mode == Mode.JSON) {
      ObjectNode event = event("detached");
      event.put("handle", handle.encode());
      out.println(event);
    } else {
      out.println(handle.encode());
    }
  }

  synchronized void error(String message, int exitCode) {
    if (mode == Mode.JSON) {
      ObjectNode event = event("error");
      event.put("message", message);
      event.put("exitCode", exitCode);
      out.println(event);
    }
    endLine();
    err.println("lora4j: " + prefix() + message);
  }

  String describe(TaskUpdate u) {
    return describe(u, true);
  }

  /** One line for an update: status, provider status, queue position, progress, elapsed time, reason. */
  String describe(TaskUpdate u, boolean withElapsed) {
    StringBuilder b = new StringBuilder(u.status().name()).append(" (").append(u.providerStatus()).append(')');
    u.queuePosition().ifPresent(q -> b.append(", queue position ").append(q));
    u.progress().ifPresent(p -> b.append(", ").append(Math.round(p * 100)).append('%'));
    if (withElapsed) {
      b.append(", ").append(elapsed());
    }
    u.result().flatMap(r -> r.error()).ifPresent(e -> b.append(": ").append(e));
    return b.toString();
  }

  private ObjectNode json(TaskUpdate u) {
    ObjectNode event = event("update");
    event.put("handle", u.handle().encode());
    event.put("status", u.status().name());
    event.put("providerStatus", u.providerStatus());
    u.queuePosition().ifPresent(q -> event.put("queuePosition", q));
    u.progress().ifPresent(p -> event.put("progress", p));
    u.message().ifPresent(m -> event.put("message", m));
    event.put("observedAt", u.observedAt().toString());
    Duration queue = queueTime(u.observedAt());
    if (queue != null) {
      event.put("queueMs", queue.toMillis());
    }
    Duration run = runTime(u.observedAt());
    if (run != null) {
      event.put("runMs", run.toMillis());
    }
    u.result().ifPresent(r -> {
      r.error().ifPresent(e -> event.put("error", e));
      var outputs = event.putArray("outputs");
      r.outputs().forEach(o -> outputs.add(o.url().toString()));
    });
    return event;
  }

  private ObjectNode event(String type) {
    ObjectNode event = JSON.createObjectNode();
    event.put("event", type);
    if (key != null) {
      event.put("key", key);
    }
    event.put("elapsedMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
    return event;
  }

  private String elapsed() {
    Duration d = Duration.ofNanos(System.nanoTime() - started);
    return String.format(Locale.ROOT, "%d.%ds", d.toSeconds(), d.toMillisPart() / 100);
  }

  private void redraw(String line) {
    err.print("\r\033[2K" + line);
    err.flush();
    lineOpen = true;
  }

  /** Removes the download bar, which has served its purpose once the file is saved. */
  private void clearLine() {
    if (lineOpen) {
      err.print("\r\033[2K");
      err.flush();
      lineOpen = false;
    }
  }

  private void endLine() {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }

  private static String kib(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
