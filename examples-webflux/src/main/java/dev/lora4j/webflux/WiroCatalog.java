package dev.lora4j.webflux;

import dev.lora4j.wiro.WiroLora;
import java.util.Arrays;
import java.util.List;

/** Wiro's catalog, {@link WiroLora}; created only when {@code lora4j-provider-wiro} is present. */
final class WiroCatalog implements LoraCatalog {

  @Override
  public String provider() {
    return "wiro";
  }

  @Override
  public List<LoraChoice> choices() {
    return Arrays.stream(WiroLora.values()).map(l -> new LoraChoice(l.id(), l.label(), l.triggerWords())).toList();
  }
}
