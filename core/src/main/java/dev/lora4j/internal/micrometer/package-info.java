/**
 * The Micrometer implementation of the core's instrumentation, loaded only for a client given a
 * registry; not exported, subject to change.
 */
@NullMarked
package dev.lora4j.internal.micrometer;

import org.jspecify.annotations.NullMarked;
