/** Implementation of the shared HTTP plumbing; not exported, subject to change. */
@NullMarked
package dev.lora4j.internal.http;

import org.jspecify.annotations.NullMarked;
