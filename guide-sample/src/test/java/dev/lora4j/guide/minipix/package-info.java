/**
 * The sample provider of {@code docs/writing-a-provider.md}: the invented Minipix API, polling
 * only, one typed request ({@link dev.lora4j.guide.minipix.MinipixSketch}) plus {@link
 * dev.lora4j.TextToImage}.
 */
@NullMarked
package dev.lora4j.guide.minipix;

import org.jspecify.annotations.NullMarked;
