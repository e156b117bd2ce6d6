package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TextToImage;
import dev.lora4j.journal.JournalEntry;
import dev.lora4j.journal.JournalState;
import dev.lora4j.journal.TaskJournal;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code lora4j tasks --journal FILE}: the tasks a journal records, and what to do with those in doubt. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
    description = "List the tasks of a journal (key, state, provider, status, task id, age) and say what to do with"
        + " those in doubt. Reaches no provider.")
final class TasksCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NONE = "-";

  @ParentCommand
  Lora4jCommand root;

  @Mixin
  Journals.FileOption journal;

  @Override
  public Integer call() {
    List<JournalEntry> entries;
    try (TaskJournal tasks = Journals.open(journal.file, false)) {
      entries = tasks.entries().collectList().block();
    }
    if (entries == null) {
      throw new IllegalStateException("the journal answered without its entries");
    }
    PrintStream out = root.context.out();
    PrintStream err = root.context.err();
    Instant now = Instant.now();
    if (root.json) {
      entries.forEach(e -> out.println(json(e, now)));
      return ExitCodes.FINISHED;
    }
    if (root.quiet) {
      entries.forEach(e -> out.println(e.key()));
      return ExitCodes.FINISHED;
    }
    if (entries.isEmpty()) {
      err.println("The journal " + Journals.database(journal.file) + " holds no task.");
      return ExitCodes.FINISHED;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KEY", "STATE", "PROVIDER", "STATUS", "TASK", "AGE", ""});
    for (JournalEntry e : entries) {
      rows.add(new String[] {e.key(), e.state().name(), e.provider(), e.status().map(Enum::name).orElse(NONE),
          e.handle().map(TaskHandle::id).orElse(NONE), Journals.age(Duration.between(e.createdAt(), now)), detail(e)});
    }
    int[] widths = new int[rows.get(0).length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.println((line + row[widths.length]).stripTrailing());
    }
    long unfinished = entries.stream().filter(TasksCommand::unfinished).count();
    if (unfinished > 0) {
      err.println(unfinished + (unfinished == 1 ? " task is" : " tasks are") + " unfinished: 'lora4j resume --journal "
          + journal.file + "' follows " + (unfinished == 1 ? "it" : "them") + " and saves the images.");
    }
    for (JournalEntry e : entries) {
      if (e.state() == JournalState.IN_DOUBT) {
        err.println(e.key() + ": " + Journals.inDoubt(e.provider(), null) + prompt(e));
      }
    }
    return ExitCodes.FINISHED;
  }

  static boolean unfinished(JournalEntry e) {
    return e.state() == JournalState.SUBMITTED || e.state() == JournalState.PENDING;
  }

  /** The last column: why a task failed, or that it is in doubt. */
  private static String detail(JournalEntry e) {
    if (e.state() == JournalState.IN_DOUBT) {
      return "in doubt: see below";
    }
    return e.result().flatMap(r -> r.error()).orElse("");
  }

  /** The prompt, to look the task up at the provider with. */
  private static String prompt(JournalEntry e) {
    return e.request().filter(TextToImage.class::isInstance).map(r -> " Its prompt: \"" + ((TextToImage) r).prompt() + "\".")
        .orElse("");
  }

  private ObjectNode json(JournalEntry e, Instant now) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event", "task");
    n.put("key", e.key());
    n.put("state", e.state().name());
    n.put("provider", e.provider());
    n.put("kind", e.kind());
    e.status().ifPresent(s -> n.put("status", s.name()));
    e.handle().ifPresent(h -> {
      n.put("handle", h.encode());
      n.put("taskId", h.id());
    });
    n.put("submissions", e.submissions());
    n.put("createdAt", e.createdAt().toString());
    n.put("updatedAt", e.updatedAt().toString());
    n.put("ageMs", Math.max(0, Duration.between(e.createdAt(), now).toMillis()));
    e.request().filter(TextToImage.class::isInstance).map(TextToImage.class::cast).ifPresent(t -> {
      n.put("prompt", t.prompt());
      n.put("lora", t.lora());
    });
    e.result().ifPresent(r -> {
      r.error().ifPresent(error -> n.put("error", error));
      var outputs = n.putArray("outputs");
      r.outputs().stream().map(TaskOutput::url).forEach(u -> outputs.add(u.toString()));
    });
    if (e.state() == JournalState.IN_DOUBT) {
      n.put("inDoubt", true);
      n.put("advice", Journals.inDoubt(e.provider(), null));
    }
    return n;
  }
}
