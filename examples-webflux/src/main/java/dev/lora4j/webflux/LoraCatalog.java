package dev.lora4j.webflux;

import java.util.List;

/**
 * A provider's catalog of LoRA models, for the page's picker. A provider without one (Xalora takes
 * any LoRA name) has no bean of this type, and the page offers free text.
 */
public interface LoraCatalog {

  /**
   * The provider whose catalog this is.
   *
   * @return the provider's name, such as {@code wiro}
   */
  String provider();

  /**
   * The catalog's models, in the provider's order.
   *
   * @return the models, not empty
   */
  List<LoraChoice> choices();

  /**
   * One model of a catalog.
   *
   * @param id what to send as the request's {@code lora}
   * @param label what the provider calls it
   * @param triggerWords the words that make its style take effect in a prompt
   */
  record LoraChoice(String id, String label, List<String> triggerWords) {}
}
