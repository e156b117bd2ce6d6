package dev.lora4j.wiro.internal;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.TextToImage;
import dev.lora4j.spi.RequestMapping;
import dev.lora4j.wiro.FluxLoraFast;
import dev.lora4j.wiro.WiroLora;
import dev.lora4j.wiro.WiroRun;
import java.net.URI;
import java.util.Optional;

/** The requests Wiro runs, and how the neutral one becomes a run of {@value FluxLoraFast#TOOL}. */
final class WiroRequests {

  private WiroRequests() {}

  /** {@link TextToImage} as {@link FluxLoraFast}; the typed requests as their runs. */
  static final RequestMapping<WiroRun> MAPPING = RequestMapping.builder(WiroCodec.PROVIDER, WiroRun.class)
      .on(TextToImage.class, t -> fluxLoraFast(t).toRun())
      .on(FluxLoraFast.class, FluxLoraFast::toRun)
      .on(WiroRun.class, run -> run)
      .build();

  /**
   * Maps the neutral request: {@code lora} is a catalog id ({@code 678}) or label (any case), else
   * an {@code https} URL of a {@code .safetensors} file (then a private LoRA); {@code guidance}
   * becomes {@code scale}; {@code seed}, {@code steps}, {@code samples}, {@code width}, {@code
   * height} and the timeout keep their names. Trigger words are not added: the prompt is sent as
   * given. The tool page documents no ranges, so the values go to Wiro as they are and Wiro's answer
   * decides.
   *
   * @throws InvalidRequestException if the LoRA is none of those (the message lists the catalog)
   */
  static FluxLoraFast fluxLoraFast(TextToImage request) {
    FluxLoraFast.Builder b = FluxLoraFast.builder().prompt(request.prompt());
    String lora = request.lora();
    Optional<WiroLora> catalog = WiroLora.find(lora);
    if (catalog.isPresent()) {
      b.lora(catalog.get());
    } else {
      try {
        b.privateLoraUrl(URI.create(lora.strip()));
      } catch (IllegalArgumentException notALoraFile) {
        throw new InvalidRequestException(
            "wiro cannot use the LoRA '" + lora + "': give a catalog id or label of " + FluxLoraFast.TOOL + " ("
                + WiroLora.catalog() + "), or an https URL of a .safetensors file");
      }
    }
    request.steps().ifPresent(b::steps);
    request.guidance().ifPresent(b::scale);
    request.samples().ifPresent(b::samples);
    request.seed().ifPresent(b::seed);
    request.width().ifPresent(b::width);
    request.height().ifPresent(b::height);
    request.timeout().ifPresent(b::timeout);
    return b.build();
  }
}
