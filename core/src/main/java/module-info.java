/**
 * lora4j core: the provider-neutral reactive API ({@code dev.lora4j}) and the provider SPI ({@code
 * dev.lora4j.spi}). Providers are found with {@link java.util.ServiceLoader}.
 */
module dev.lora4j.core {
  requires transitive reactor.core;
  requires transitive org.reactivestreams;
  requires transitive io.github.resilience4j.retry;
  requires transitive io.github.resilience4j.core;
  requires static transitive org.jspecify;
  requires io.github.resilience4j.reactor;
  requires io.github.resilience4j.ratelimiter;
  requires reactor.netty.core;
  requires transitive reactor.netty.http;
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.codec.http;
  requires io.netty.handler;
  requires transitive tools.jackson.databind;
  requires tools.jackson.core;
  requires org.slf4j;
  // Optional: not transitive, so that modules reading this one compile and run without Micrometer;
  // the few public members naming its types say so with @SuppressWarnings("exports").
  requires static micrometer.observation;
  requires static micrometer.core;
  requires static micrometer.commons;
  requires static io.github.resilience4j.micrometer;

  exports dev.lora4j;
  exports dev.lora4j.spi;
  exports dev.lora4j.spi.http;
  exports dev.lora4j.observation;

  uses dev.lora4j.spi.TaskProviderFactory;
}
