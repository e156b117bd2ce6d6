package dev.lora4j.internal.micrometer;

import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.internal.TaskProbe;
import dev.lora4j.observation.Lora4jObservation;
import dev.lora4j.observation.Lora4jObservation.HighCardinality;
import dev.lora4j.observation.Lora4jObservation.LowCardinality;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/** The {@code lora4j.task} observation of one task and the task's share of the meters. */
final class ObservedTask implements TaskProbe {

  final Observation observation;
  final String kind;
  private final MicrometerInstrumentation owner;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile boolean timedOut;
  private volatile @Nullable String terminal;
  /** Written by the serialized update stream only. */
  private @Nullable TaskStatus status;
  private @Nullable Instant waitingSince;
  private @Nullable Instant runningSince;
  private boolean idRecorded;

  ObservedTask(MicrometerInstrumentation owner, String kind) {
    this.owner = owner;
    this.kind = kind;
    this.observation = Lora4jObservation.TASK.observation(owner.observations)
        .lowCardinalityKeyValue(LowCardinality.PROVIDER.withValue(owner.provider))
        .lowCardinalityKeyValue(LowCardinality.OPERATION.withValue("task"))
        .lowCardinalityKeyValue(LowCardinality.REQUEST_KIND.withValue(kind))
        .lowCardinalityKeyValue(LowCardinality.GEN_AI_OPERATION.withValue("generate_content"))
        .lowCardinalityKeyValue(LowCardinality.GEN_AI_PROVIDER.withValue(owner.provider));
  }

  @Override
  public void start(ContextView subscriber) {
    if (started.compareAndSet(false, true)) {
      Observation parent = owner.parentIn(subscriber);
      if (parent != null) {
        observation.parentObservation(parent);
      }
      observation.start();
    }
  }

  @Override
  public void accepted(TaskUpdate update) {
    if (!idRecorded) {
      idRecorded = true;
      observation.highCardinalityKeyValue(HighCardinality.TASK_ID.withValue(update.handle().id()));
    }
    TaskStatus next = update.status();
    TaskMeters m = owner.meters;
    Instant at = update.observedAt();
    if (m != null) {
      m.moved(status, next);
      m.updated(next);
      if (next == TaskStatus.WAITING && waitingSince == null) {
        waitingSince = at;
      }
      if (next == TaskStatus.RUNNING && runningSince == null) {
        runningSince = at;
        if (waitingSince != null) {
          m.queued(kind, Duration.between(waitingSince, at));
        }
      }
    }
    status = next;
    if (next.isTerminal()) {
      String outcome = next.name().toLowerCase(Locale.ROOT);
      terminal = outcome;
      if (m != null && runningSince != null) {
        m.ran(kind, outcome, Duration.between(runningSince, at));
      }
      end(outcome);
    }
  }

  @Override
  public void timingOut() {
    timedOut = true;
  }

  @Override
  public void end(String outcome) {
    if (!started.get() || !ended.compareAndSet(false, true)) {
      return;
    }
    String decided = terminal != null ? terminal : timedOut ? "timeout" : outcome;
    TaskMeters m = owner.meters;
    if (m != null) {
      m.moved(status, null);
      m.ended(kind, decided, polls.get());
    }
    observation.lowCardinalityKeyValue(LowCardinality.OUTCOME.withValue(decided));
    observation.stop();
  }

  /** Counts one status read sent for this task. */
  void pollSent() {
    polls.incrementAndGet();
  }
}
