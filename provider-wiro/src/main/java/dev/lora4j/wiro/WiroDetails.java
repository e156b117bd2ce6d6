package dev.lora4j.wiro;

import dev.lora4j.ResultDetail;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The details a Wiro result carries, read with {@link dev.lora4j.TaskResult#detail}: each is there
 * when the task of {@code Task/Detail} had the field (numbers may come as text; a start or end time
 * of {@code 0}, a task that never ran, is left out). Text is redacted like every answer: a known
 * secret Wiro echoes prints as {@code ***}.
 *
 * <pre>{@code
 * BigDecimal cost = result.detail(WiroDetails.COST).orElse(BigDecimal.ZERO);
 * }</pre>
 */
public final class WiroDetails {

  private WiroDetails() {}

  /** How long the task ran ({@code elapsedseconds}). */
  public static final ResultDetail<Duration> ELAPSED = ResultDetail.of("elapsed", Duration.class);
  /** What the task cost, in US dollars ({@code totalcost}). */
  public static final ResultDetail<BigDecimal> COST = ResultDetail.of("cost", BigDecimal.class);
  /** What a second of the task cost, in US dollars ({@code cps}). */
  public static final ResultDetail<BigDecimal> COST_PER_SECOND = ResultDetail.of("costPerSecond", BigDecimal.class);
  /** The task's UUID ({@code uuid}). */
  public static final ResultDetail<String> UUID = ResultDetail.of("uuid", String.class);
  /** The process exit code ({@code pexit}): {@code 0} on success. */
  public static final ResultDetail<String> PEXIT = ResultDetail.of("pexit", String.class);
  /** The id of the model that ran ({@code modelid}). */
  public static final ResultDetail<String> MODEL_ID = ResultDetail.of("modelId", String.class);
  /** The owner part of the tool's slug ({@code modelslugowner}), such as {@code wiro}. */
  public static final ResultDetail<String> MODEL_SLUG_OWNER = ResultDetail.of("modelSlugOwner", String.class);
  /**
   * The project part of the tool's slug ({@code modelslugproject}), such as {@code
   * text-to-image-flux-lora-fast}.
   */
  public static final ResultDetail<String> MODEL_SLUG_PROJECT = ResultDetail.of("modelSlugProject", String.class);
  /** The description of the model that ran ({@code modeldescription}). */
  public static final ResultDetail<String> MODEL_DESCRIPTION = ResultDetail.of("modelDescription", String.class);
  /** When the task started ({@code starttime}, Unix seconds). */
  public static final ResultDetail<Instant> STARTED_AT = ResultDetail.of("startedAt", Instant.class);
  /** When the task ended ({@code endtime}, Unix seconds). */
  public static final ResultDetail<Instant> ENDED_AT = ResultDetail.of("endedAt", Instant.class);
}
