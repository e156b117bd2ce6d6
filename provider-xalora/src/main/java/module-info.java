/**
 * The Xalora provider of lora4j: the sequencer workflow API (FluxLora text to image, Upscaler,
 * Text2Video), found by {@link java.util.ServiceLoader}.
 */
module dev.lora4j.xalora {
  requires transitive dev.lora4j.core;
  requires org.slf4j;
  requires tools.jackson.core;

  exports dev.lora4j.xalora;

  provides dev.lora4j.spi.TaskProviderFactory with dev.lora4j.xalora.XaloraProviderFactory;
}
