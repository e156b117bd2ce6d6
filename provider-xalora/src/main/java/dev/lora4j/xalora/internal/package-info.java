/** The Xalora provider's implementation; not exported. */
@NullMarked
package dev.lora4j.xalora.internal;

import org.jspecify.annotations.NullMarked;
