package dev.lora4j.webflux;

import dev.lora4j.TaskClient;
import dev.lora4j.testkit.Simulators;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The LoRA models of the client's provider, as the page offers them: its catalog when it has one,
 * and the LoRA a request without one gets (the simulators' example, which the real provider knows
 * too, else the catalog's first).
 */
@Component
public class Loras {

  private final String provider;
  private final List<LoraCatalog.LoraChoice> choices;
  private final Optional<String> defaultLora;

  /**
   * Finds the provider's catalog.
   *
   * @param client the client, whose provider counts
   * @param catalogs every catalog on the class path
   */
  public Loras(TaskClient client, ObjectProvider<LoraCatalog> catalogs) {
    this.provider = client.provider();
    this.choices = catalogs.orderedStream().filter(c -> c.provider().equals(provider)).findFirst()
        .map(LoraCatalog::choices).orElse(List.of());
    this.defaultLora = Simulators.exampleLora(provider)
        .or(() -> choices.stream().findFirst().map(LoraCatalog.LoraChoice::id));
  }

  /**
   * The provider's name.
   *
   * @return such as {@code xalora}
   */
  public String provider() {
    return provider;
  }

  /**
   * The provider's catalog.
   *
   * @return the models, empty when the provider takes any name
   */
  public List<LoraCatalog.LoraChoice> choices() {
    return choices;
  }

  /**
   * The LoRA of a request that names none.
   *
   * @return the LoRA, or empty when there is no sensible one and a request must name it
   */
  public Optional<String> defaultLora() {
    return defaultLora;
  }
}
