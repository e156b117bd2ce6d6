/** The Wiro provider's implementation; not exported. */
@NullMarked
package dev.lora4j.wiro.internal;

import org.jspecify.annotations.NullMarked;
