package dev.lora4j.testkit;

import dev.lora4j.testkit.WiroTools.Render;
import dev.lora4j.testkit.internal.FileStore.StoredFile;
import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.Seeds;
import dev.lora4j.testkit.internal.SimulatorCore;
import dev.lora4j.testkit.internal.TaskTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a simulated Wiro task runs once created: its script of status changes and log frames over
 * the drawn queue and run times, a failure before or while it runs, and the outputs it renders and
 * publishes as files.
 *
 * @param core where outputs are rendered and stored
 * @param timing the queue and run times and failures
 * @param seed the seed of pre-execution failures
 * @param preExecutionFailureRate the share of tasks that fail before they run
 * @param idSalt the salt of output ids and keys
 */
record WiroScript(SimulatorCore core, TaskTiming timing, long seed, double preExecutionFailureRate, long idSalt) {

  private static final Logger LOG = LoggerFactory.getLogger(WiroSimulator.class);

  /** One step of a task's script: applies a change, {@code false} if the task had already ended. */
  private interface Step extends Function<WiroTask, Mono<Boolean>> {
  }

  /** A lifecycle change, whose frame's {@code message} is {@code null}. */
  private static Step status(WiroStatus status) {
    return task -> Mono.fromSupplier(() -> task.transition(status, NullNode.getInstance()));
  }

  private static Step now(Function<WiroTask, Boolean> change) {
    return task -> Mono.fromSupplier(() -> change.apply(task));
  }

  private List<Step> script(boolean fails, Render render) {
    List<Step> steps = new ArrayList<>();
    steps.add(status(WiroStatus.TASK_ACCEPT));
    steps.add(status(WiroStatus.TASK_PREPROCESS_START));
    steps.add(status(WiroStatus.TASK_PREPROCESS_END));
    steps.add(status(WiroStatus.TASK_ASSIGN));
    steps.add(status(WiroStatus.TASK_START));
    steps.add(now(task -> task.stdout("Loading model weights and LoRA")));
    steps.add(now(task -> task.progress(progress(render.steps() / 2, render.steps()))));
    if (fails) {
      steps.add(now(task -> task.stderr("RuntimeError: CUDA out of memory (simulated failure)")));
      steps.add(now(WiroTask::outputFull));
      steps.add(now(WiroTask::errorFull));
    } else {
      steps.add(now(task -> task.progress(Json.string(Json.write(progress(render.steps(), render.steps()))))));
      steps.add(now(WiroTask::outputFull));
    }
    steps.add(status(WiroStatus.TASK_END));
    steps.add(status(WiroStatus.TASK_POSTPROCESS_START));
    if (fails) {
      steps.add(now(task -> task.end("1", Json.array(), 0)));
    } else {
      steps.add(task -> Mono.fromCallable(() -> renderOutputs(task, render))
          .subscribeOn(Schedulers.boundedElastic())
          .map(outputs -> publish(task, outputs)));
    }
    return steps;
  }

  private static ObjectNode progress(int current, int total) {
    ObjectNode progress = Json.object();
    progress.put("type", "progressGenerate");
    progress.put("task", "Generating");
    progress.put("speed", "2.50");
    progress.put("speedType", "it/s");
    progress.put("percentage", Integer.toString(total == 0 ? 100 : current * 100 / total));
    progress.put("stepCurrent", Integer.toString(current));
    progress.put("stepTotal", Integer.toString(total));
    return progress;
  }

  private boolean failsBeforeStart(long ordinal) {
    return preExecutionFailureRate > 0 && Seeds.unit(seed, "pre-execution-failure", ordinal) < preExecutionFailureRate;
  }

  /**
   * Starts the task's timers: after the queue time, the steps spread evenly over the run time;
   * they stop at the first step that finds the task ended.
   */
  void schedule(WiroTask task, Render render) {
    Duration queue = timing.queueTime(task.ordinal);
    Duration run = timing.runTime(task.ordinal);
    List<Step> steps = failsBeforeStart(task.ordinal)
        ? List.of(now(t -> t.failBeforeStart(WiroSimulator.PRE_EXECUTION_ERROR)))
        : script(timing.fails(task.ordinal), render);
    int spans = Math.max(1, steps.size() - 1);
    task.timers.add(Flux.range(0, steps.size())
        .concatMap(i -> {
          Duration at = queue.plus(run.multipliedBy(i).dividedBy(spans));
          Duration wait = at.minusNanos(System.nanoTime() - task.createdNanos);
          return Mono.delay(wait.isNegative() ? Duration.ZERO : wait, Schedulers.parallel())
              .then(steps.get(i).apply(task));
        })
        .takeWhile(Boolean::booleanValue)
        .onErrorResume(e -> {
          LOG.warn("task {} failed to produce its outputs", task.id, e);
          return Mono.fromSupplier(() -> task.end("1", Json.array(), 0));
        })
        .subscribe());
  }

  private record Rendered(String path, StoredFile file) {
  }

  private List<Rendered> renderOutputs(WiroTask task, Render render) {
    List<Rendered> outputs = new ArrayList<>();
    for (int i = 0; i < render.samples(); i++) {
      byte[] png = core.renderer().png(render.width(), render.height(), render.caption(),
          "steps " + render.steps() + ", sample " + i);
      outputs.add(new Rendered(task.id + "/" + i + ".png", new StoredFile(png, "image/png")));
    }
    return outputs;
  }

  private boolean publish(WiroTask task, List<Rendered> rendered) {
    ArrayNode outputs = Json.array();
    long bytes = 0;
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < rendered.size(); i++) {
      Rendered output = rendered.get(i);
      core.files().put(output.path(), output.file());
      ObjectNode entry = outputs.addObject();
      entry.put("id", Seeds.hex(idSalt, "output-id:" + task.id, i, 32));
      entry.put("name", i + ".png");
      entry.put("contenttype", output.file().contentType());
      entry.put("parentid", Seeds.hex(idSalt, "output-parent", task.ordinal, 32));
      entry.put("uuid", task.uuid);
      entry.put("size", Integer.toString(output.file().bytes().length));
      entry.put("addedtime", Long.toString(now));
      entry.put("modifiedtime", Long.toString(now));
      entry.put("accesskey", Seeds.alphanumeric(idSalt, "output-key:" + task.id, i, 30));
      entry.put("foldercount", "0");
      entry.put("filecount", "0");
      entry.put("ispublic", 0);
      entry.putNull("expiretime");
      entry.put("url", core.uri("http", "/files/" + output.path()).toString());
      bytes += output.file().bytes().length;
    }
    boolean ended = task.end("0", outputs, bytes);
    if (!ended) {
      rendered.forEach(output -> core.files().remove(output.path()));
    }
    return ended;
  }
}
