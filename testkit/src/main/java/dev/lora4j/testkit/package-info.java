/**
 * Provider simulators for tests: {@link dev.lora4j.testkit.XaloraSimulator} and
 * {@link dev.lora4j.testkit.WiroSimulator}, both a {@link dev.lora4j.testkit.Simulator} (found by
 * provider name with {@link dev.lora4j.testkit.Simulators}), with the shared
 * {@link dev.lora4j.testkit.FaultPlan} for fault injection and
 * {@link dev.lora4j.testkit.RecordedRequest} for inspecting what a client sent.
 *
 * <p>The simulators are written from the wire specifications, not from any client code, so that
 * they catch client mistakes. They bind to {@code 127.0.0.1} only.
 */
@NullMarked
package dev.lora4j.testkit;

import org.jspecify.annotations.NullMarked;
