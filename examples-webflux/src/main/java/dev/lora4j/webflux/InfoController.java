package dev.lora4j.webflux;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the page needs to know before a task: the provider, whether it is simulated, its LoRAs. */
@RestController
@RequestMapping("/api")
class InfoController {

  private final Loras loras;
  private final EmbeddedSimulator simulator;

  InfoController(Loras loras, EmbeddedSimulator simulator) {
    this.loras = loras;
    this.simulator = simulator;
  }

  /**
   * The server's provider.
   *
   * @param provider the provider's name
   * @param simulated whether the client talks to the embedded simulator, whose images no model drew
   */
  record Info(String provider, boolean simulated) {}

  /**
   * The provider's LoRA models.
   *
   * @param provider the provider's name
   * @param choices its catalog, empty when it takes any name
   * @param defaultLora the LoRA of a request that names none, or {@code null} when one is needed
   */
  record LoraList(String provider, List<LoraCatalog.LoraChoice> choices, @Nullable String defaultLora) {}

  @GetMapping("/info")
  Info info() {
    return new Info(loras.provider(), simulator.running());
  }

  @GetMapping("/loras")
  LoraList loras() {
    return new LoraList(loras.provider(), loras.choices(), loras.defaultLora().orElse(null));
  }
}
