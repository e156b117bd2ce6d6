/** Implementation of the core; not exported, subject to change. */
@NullMarked
package dev.lora4j.internal;

import org.jspecify.annotations.NullMarked;
