/**
 * The WebFlux demo application: one page that submits a text-to-image task through the
 * auto-configured {@link dev.lora4j.TaskClient}, streams its status as server-sent events and shows
 * the image. {@link dev.lora4j.webflux.DemoApplication} starts it; without credentials it runs
 * against the embedded simulator ({@link dev.lora4j.webflux.SimulatorConfiguration}).
 */
package dev.lora4j.webflux;
