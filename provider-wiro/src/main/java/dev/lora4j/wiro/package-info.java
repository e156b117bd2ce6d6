/**
 * The Wiro provider: the Wiro tool API, signed with {@link dev.lora4j.wiro.WiroSigner}, followed
 * over its status WebSocket or by polling. Put {@code lora4j-provider-wiro} on the class path and
 * set {@code WIRO_API_KEY} (and {@code WIRO_API_SECRET} for a signature project); {@link
 * dev.lora4j.TaskClients#create()} then finds it (see {@link dev.lora4j.wiro.WiroProviderFactory}
 * for every setting).
 *
 * <p>It runs the neutral {@link dev.lora4j.TextToImage} (as {@link dev.lora4j.wiro.FluxLoraFast}),
 * the seed's tool {@link dev.lora4j.wiro.FluxLoraFast} with its LoRA catalog {@link
 * dev.lora4j.wiro.WiroLora}, and any other tool as a {@link dev.lora4j.wiro.WiroRun}. {@link
 * dev.lora4j.wiro.WiroClient} adds what only Wiro has: a tool's input schema.
 */
@NullMarked
package dev.lora4j.wiro;

import org.jspecify.annotations.NullMarked;
