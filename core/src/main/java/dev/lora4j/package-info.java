/**
 * The provider-neutral reactive API: {@link dev.lora4j.TaskClients} finds a provider and returns a
 * {@link dev.lora4j.TaskClient} that submits {@link dev.lora4j.TaskRequest}s and streams {@link
 * dev.lora4j.TaskUpdate}s. Every type here is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.lora4j;

import org.jspecify.annotations.NullMarked;
