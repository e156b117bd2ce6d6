package dev.lora4j.xalora.internal;

import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.spi.RequestMapping;
import dev.lora4j.xalora.FluxLoraTask;
import dev.lora4j.xalora.Text2VideoTask;
import dev.lora4j.xalora.UpscalerTask;
import dev.lora4j.xalora.WorkflowTask;
import java.time.Duration;

/** The requests Xalora runs, and how the neutral one becomes a workflow task. */
final class XaloraRequests {

  private XaloraRequests() {}

  /** {@link TextToImage} as FluxLora; the typed workflow tasks as they are. */
  static final RequestMapping<WorkflowTask> MAPPING = RequestMapping.builder(XaloraCodec.PROVIDER, WorkflowTask.class)
      .on(TextToImage.class, XaloraRequests::fluxLora)
      .on(FluxLoraTask.class, task -> task)
      .on(UpscalerTask.class, task -> task)
      .on(Text2VideoTask.class, task -> task)
      .build();

  /**
   * Maps the neutral request to FluxLora: {@code lora} to {@code lora_name}, {@code seed} to
   * {@code noise_seed}, {@code guidance} to {@code guidance}, the timeout to {@code
   * timeout_seconds} (rounded up). FluxLora's ranges are the neutral ones, so every other value
   * fits.
   *
   * @throws UnsupportedRequestException if more than one sample is asked for: the workflow makes
   *     one image per task
   */
  static FluxLoraTask fluxLora(TextToImage t) {
    if (t.samples().orElse(1) != 1) {
      throw new UnsupportedRequestException(
          "the xalora FluxLora workflow makes one image per task; samples must be 1, was " + t.samples().getAsInt());
    }
    FluxLoraTask.Builder b = FluxLoraTask.builder().prompt(t.prompt()).loraName(t.lora());
    t.width().ifPresent(b::width);
    t.height().ifPresent(b::height);
    t.steps().ifPresent(b::steps);
    t.seed().ifPresent(b::noiseSeed);
    t.guidance().ifPresent(b::guidance);
    t.timeout().ifPresent(d -> b.timeoutSeconds(seconds(d)));
    return b.build();
  }

  private static int seconds(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return (int) Math.min(Math.max(s, 1), WorkflowTask.MAX_TIMEOUT_SECONDS);
  }
}
