/**
 * Implementation shared by the simulators: the loopback HTTP server, request journal, fault
 * injector, task registry, deterministic image rendering and task timing. Not exported; no compatibility promise.
 */
@NullMarked
package dev.lora4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
