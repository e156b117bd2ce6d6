/**
 * The Xalora provider: the sequencer workflow API (FluxLora text to image, Upscaler, Text2Video).
 * Put {@code lora4j-provider-xalora} on the class path and set {@code
 * XALORA_API_KEY=consumerId#apiKey}; {@link dev.lora4j.TaskClients#create()} then finds it. Typed
 * tasks ({@link dev.lora4j.xalora.FluxLoraTask}, {@link dev.lora4j.xalora.UpscalerTask}, {@link
 * dev.lora4j.xalora.Text2VideoTask}) and the seed SDK's functions ({@link
 * dev.lora4j.xalora.XaloraWorkflows}) live here.
 */
@NullMarked
package dev.lora4j.xalora;

import org.jspecify.annotations.NullMarked;
