package dev.lora4j.xalora;

import dev.lora4j.ResultDetail;
import java.time.Duration;
import java.time.Instant;

/**
 * The details a Xalora result carries, read with {@link dev.lora4j.TaskResult#detail}: each is
 * there when the sequencer's {@code task_result_query} answer had the field (every field but {@code
 * task_id} and {@code status} may be missing). Text is redacted like every answer: a known secret
 * the sequencer echoes prints as {@code ***}.
 *
 * <pre>{@code
 * Optional<String> miner = result.detail(XaloraDetails.MINER_ID);
 * }</pre>
 */
public final class XaloraDetails {

  private XaloraDetails() {}

  /** The id of the miner that ran the task ({@code miner_id}). */
  public static final ResultDetail<String> MINER_ID = ResultDetail.of("minerId", String.class);
  /** How long inference took on the miner ({@code inference_latency}, seconds). */
  public static final ResultDetail<Duration> INFERENCE_LATENCY = ResultDetail.of("inferenceLatency", Duration.class);
  /** How long uploading the output took ({@code upload_latency}, seconds). */
  public static final ResultDetail<Duration> UPLOAD_LATENCY = ResultDetail.of("uploadLatency", Duration.class);
  /** The workflow that ran ({@code workflow_id}). */
  public static final ResultDetail<String> WORKFLOW_ID = ResultDetail.of("workflowId", String.class);
  /** The task type that ran ({@code task_type}), such as {@code txt2img}. */
  public static final ResultDetail<String> TASK_TYPE = ResultDetail.of("taskType", String.class);
  /** When the task was created ({@code create_timestamp}, Unix seconds). */
  public static final ResultDetail<Instant> CREATED_AT = ResultDetail.of("createdAt", Instant.class);
  /**
   * A {@code result} that is text rather than the URL of a file (a workflow that answers with
   * text); a URL is an output instead, never this.
   */
  public static final ResultDetail<String> RESULT_TEXT = ResultDetail.of("resultText", String.class);
}
