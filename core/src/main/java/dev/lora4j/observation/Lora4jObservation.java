package dev.lora4j.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Every observation a {@code TaskClient} records when it was given an {@code ObservationRegistry}
 * ({@code ClientOptions.Builder.observationRegistry}). {@link #TASK} spans one task the client
 * follows; the others are one per HTTP attempt (a retry is another attempt), children of the task's
 * observation where there is one, else of the observation current in the subscriber's Reactor
 * context ({@code ObservationThreadLocalAccessor.KEY}). With a Micrometer Tracing bridge each
 * attempt's request carries the attempt's trace context ({@code traceparent}).
 *
 * <p>Never recorded: the prompt or any other request field, URLs or paths (a path holds a task
 * id), credentials, provider messages.
 */
@SuppressWarnings("exports") // Micrometer is an optional dependency, not required transitively
public enum Lora4jObservation implements ObservationDocumentation {

  /**
   * One task a client follows: from the submission of {@code run} / {@code runAndWatch} (or from
   * the first watch of a handle submitted separately or resumed) to its terminal status, ended with
   * its {@link LowCardinality#OUTCOME outcome}.
   */
  TASK("lora4j.task", "lora4j task"),
  /** One attempt to submit a task. */
  SUBMIT("lora4j.submit", "lora4j submit"),
  /** One status read sent: a watch's poll or a {@code status()} query. */
  POLL("lora4j.poll", "lora4j poll"),
  /** One attempt to cancel a task. */
  CANCEL("lora4j.cancel", "lora4j cancel"),
  /** One attempt to download an output. */
  DOWNLOAD("lora4j.download", "lora4j download");

  private final String name;
  private final String contextualName;

  Lora4jObservation(String name, String contextualName) {
    this.name = name;
    this.contextualName = contextualName;
  }

  /** {@return the observation's name, such as {@code lora4j.poll}} */
  @Override
  public String getName() {
    return name;
  }

  /** {@return the span name, such as {@code lora4j poll}} */
  @Override
  public String getContextualName() {
    return contextualName;
  }

  /** {@return the low-cardinality keys: every value is from a small fixed set} */
  @Override
  public KeyName[] getLowCardinalityKeyNames() {
    return this == TASK
        ? new KeyName[] {LowCardinality.PROVIDER, LowCardinality.OPERATION, LowCardinality.REQUEST_KIND,
            LowCardinality.OUTCOME, LowCardinality.GEN_AI_OPERATION, LowCardinality.GEN_AI_PROVIDER}
        : new KeyName[] {LowCardinality.PROVIDER, LowCardinality.OPERATION, LowCardinality.REQUEST_KIND,
            LowCardinality.OUTCOME, LowCardinality.HTTP_METHOD, LowCardinality.HTTP_STATUS_CLASS,
            LowCardinality.GEN_AI_OPERATION, LowCardinality.GEN_AI_PROVIDER};
  }

  /** {@return the high-cardinality keys: the task's id, where known} */
  @Override
  public KeyName[] getHighCardinalityKeyNames() {
    return new KeyName[] {HighCardinality.TASK_ID};
  }

  /** The low-cardinality keys (tags of the meters an observation handler derives). */
  public enum LowCardinality implements KeyName {
    /** The provider, such as {@code xalora} or {@code wiro}. */
    PROVIDER("lora4j.provider"),
    /** {@code task}, {@code submit}, {@code poll}, {@code cancel} or {@code download}. */
    OPERATION("lora4j.operation"),
    /**
     * The request's {@link dev.lora4j.TaskRequest#kind() kind}: {@code text-to-image}, a Xalora
     * workflow's task type such as {@code txt2img}, a Wiro tool's slug; {@code unknown} for a
     * resumed handle.
     */
    REQUEST_KIND("lora4j.request.kind"),
    /**
     * A task's end: {@code finished}, {@code failed}, {@code canceled}, {@code timeout}, {@code
     * disposed} (every subscriber went away first), or the simple name of the exception that ended
     * its watch. An attempt's: {@code success}, {@code canceled} or the exception's simple name.
     */
    OUTCOME("lora4j.outcome"),
    /** An attempt's HTTP method. */
    HTTP_METHOD("http.request.method"),
    /** An attempt's status class: {@code 2xx} to {@code 5xx}, or {@code none} without an answer. */
    HTTP_STATUS_CLASS("http.response.status_class"),
    /** OpenTelemetry gen-AI semantic conventions: always {@code generate_content}. */
    GEN_AI_OPERATION("gen_ai.operation.name"),
    /** OpenTelemetry gen-AI semantic conventions: the provider's name, as {@link #PROVIDER}. */
    GEN_AI_PROVIDER("gen_ai.provider.name");

    private final String key;

    LowCardinality(String key) {
      this.key = key;
    }

    /** {@return the key, such as {@code lora4j.provider}} */
    @Override
    public String asString() {
      return key;
    }
  }

  /** The high-cardinality keys (span attributes, never meter tags). */
  public enum HighCardinality implements KeyName {
    /** The provider's id of the task. */
    TASK_ID("lora4j.task.id");

    private final String key;

    HighCardinality(String key) {
      this.key = key;
    }

    /** {@return the key, {@code lora4j.task.id}} */
    @Override
    public String asString() {
      return key;
    }
  }
}
