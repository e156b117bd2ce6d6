package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskUpdate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the command shows a task: on a terminal one line redrawn in place and a progress bar while
 * downloading; otherwise one plain line per change; {@code --json} one JSON object per event on
 * standard output; {@code --quiet} only the saved files' paths. Messages go to standard error,
 * results (paths, handles, JSON) to standard output. Thread-safe.
 */
final class Display {

  enum Mode { LIVE, PLAIN, JSON, QUIET }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BAR = 24;

  private final Mode mode;
  private final PrintStream out;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private TaskUpdate last;
  private boolean lineOpen;

  Display(Context context, boolean json, boolean quiet) {
    this.mode = json ? Mode.JSON : quiet ? Mode.QUIET : context.terminal() ? Mode.LIVE : Mode.PLAIN;
    this.out = context.out();
    this.err = context.err();
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
    err.println(message);
  }

  synchronized void submitted(TaskHandle handle) {
    if (mode == Mode.JSON) {
      ObjectNode event = event("submitted");
      event.put("handle", handle.encode());
      out.println(event);
    } else if (mode != Mode.QUIET) {
      endLine();
      err.println("Submitted task " + handle.id() + " to " + handle.provider() + " (handle " + handle.encode() + ")");
    }
  }

  synchronized void update(TaskUpdate update) {
    last = update;
    switch (mode) {
      case JSON:
        out.println(json(update));
        break;
      case PLAIN:
        err.println(describe(update));
        break;
      case LIVE:
        redraw(describe(update));
        if (update.status().isTerminal()) {
          endLine();
        }
        break;
      default:
        break;
    }
  }

  /** Redraws the live line with a fresh elapsed time; called on a timer. */
  synchronized void tick() {
    if (mode == Mode.LIVE && last != null && !last.status().isTerminal()) {
      redraw(describe(last));
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
    err.println("lora4j: " + message);
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
