/**
 * The names and keys of lora4j's Micrometer observations ({@link
 * dev.lora4j.observation.Lora4jObservation}). Only this package needs {@code
 * io.micrometer:micrometer-observation} on the class path; the rest of lora4j loads without it.
 */
@NullMarked
package dev.lora4j.observation;

import org.jspecify.annotations.NullMarked;
