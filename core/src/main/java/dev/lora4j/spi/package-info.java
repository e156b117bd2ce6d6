/**
 * The provider SPI: a provider module implements {@link dev.lora4j.spi.TaskProviderFactory} and
 * {@link dev.lora4j.spi.TaskProvider}, and uses the shared HTTP plumbing rather than its own.
 */
@NullMarked
package dev.lora4j.spi;

import org.jspecify.annotations.NullMarked;
