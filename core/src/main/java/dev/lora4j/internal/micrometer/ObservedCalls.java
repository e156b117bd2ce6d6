package dev.lora4j.internal.micrometer;

import dev.lora4j.RateLimitedException;
import dev.lora4j.internal.CallObserver;
import dev.lora4j.internal.Instrumentation;
import dev.lora4j.internal.TaskProbe;
import dev.lora4j.observation.Lora4jObservation;
import dev.lora4j.observation.Lora4jObservation.HighCardinality;
import dev.lora4j.observation.Lora4jObservation.LowCardinality;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The attempts of one operation: one observation per HTTP attempt, a child of its task's. */
final class ObservedCalls implements CallObserver {

  private final MicrometerInstrumentation owner;
  private final String operation;
  private final String kind;
  private final TaskProbe task;
  private final @Nullable String taskId;
  private final @Nullable Observation parent;
  private final Lora4jObservation documentation;

  ObservedCalls(MicrometerInstrumentation owner, String operation, String kind, TaskProbe task,
      @Nullable String taskId, @Nullable Observation parent) {
    this.owner = owner;
    this.operation = operation;
    this.kind = kind;
    this.task = task;
    this.taskId = taskId;
    this.parent = parent;
    this.documentation = switch (operation) {
      case Instrumentation.SUBMIT -> Lora4jObservation.SUBMIT;
      case Instrumentation.CANCEL -> Lora4jObservation.CANCEL;
      case Instrumentation.DOWNLOAD -> Lora4jObservation.DOWNLOAD;
      default -> Lora4jObservation.POLL;
    };
  }

  @Override
  public Attempt start(String method, Map<String, String> carrier) {
    if (documentation == Lora4jObservation.POLL) {
      if (task instanceof ObservedTask observed) {
        observed.pollSent();
      }
      TaskMeters m = owner.meters;
      if (m != null) {
        m.polled();
      }
    }
    RequestReplySenderContext<Map<String, String>, Object> context =
        new RequestReplySenderContext<>((headers, key, value) -> {
          if (headers != null) {
            headers.put(key, value);
          }
        });
    context.setCarrier(carrier);
    context.setRemoteServiceName(owner.provider);
    Observation observation = documentation.observation(owner.observations, () -> context)
        .lowCardinalityKeyValue(LowCardinality.PROVIDER.withValue(owner.provider))
        .lowCardinalityKeyValue(LowCardinality.OPERATION.withValue(operation))
        .lowCardinalityKeyValue(LowCardinality.REQUEST_KIND.withValue(kind))
        .lowCardinalityKeyValue(LowCardinality.HTTP_METHOD.withValue(method))
        .lowCardinalityKeyValue(LowCardinality.GEN_AI_OPERATION.withValue("generate_content"))
        .lowCardinalityKeyValue(LowCardinality.GEN_AI_PROVIDER.withValue(owner.provider));
    if (taskId != null) {
      observation.highCardinalityKeyValue(HighCardinality.TASK_ID.withValue(taskId));
    }
    if (parent != null) {
      observation.parentObservation(parent);
    }
    observation.start();
    return new Attempt() {
      @Override
      public void stop(int status, @Nullable Throwable error) {
        observation.lowCardinalityKeyValue(LowCardinality.HTTP_STATUS_CLASS.withValue(statusClass(status)));
        if (error == null) {
          observation.lowCardinalityKeyValue(LowCardinality.OUTCOME.withValue("success"));
        } else {
          observation.lowCardinalityKeyValue(LowCardinality.OUTCOME.withValue(error.getClass().getSimpleName()));
          observation.error(error);
          TaskMeters m = owner.meters;
          if (m != null && error instanceof RateLimitedException) {
            m.rateLimited(operation);
          }
        }
        observation.stop();
      }

      @Override
      public void canceled() {
        observation.lowCardinalityKeyValue(LowCardinality.HTTP_STATUS_CLASS.withValue("none"));
        observation.lowCardinalityKeyValue(LowCardinality.OUTCOME.withValue("canceled"));
        observation.stop();
      }
    };
  }

  static String statusClass(int status) {
    return status < 100 || status > 599 ? "none" : (status / 100) + "xx";
  }
}
