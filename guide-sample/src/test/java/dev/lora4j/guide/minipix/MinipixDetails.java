package dev.lora4j.guide.minipix;

import dev.lora4j.ResultDetail;

/**
 * The details a finished Minipix result carries, read with {@link dev.lora4j.TaskResult#detail}.
 *
 * <pre>{@code
 * int credits = result.detail(MinipixDetails.CREDITS).orElse(0);
 * }</pre>
 */
public final class MinipixDetails {

  private MinipixDetails() {}

  /** What the job cost, in Minipix credits ({@code credits}); reported once a job is done. */
  public static final ResultDetail<Integer> CREDITS = ResultDetail.of("credits", Integer.class);
}
