/** The WebFlux demo application. */
package dev.lora4j.webflux;
