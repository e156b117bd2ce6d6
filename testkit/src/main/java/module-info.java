/**
 * Local simulators of the Xalora and Wiro provider APIs, served over real HTTP on the loopback
 * interface, with deterministic outputs and reproducible fault injection.
 *
 * <p>Start with {@link dev.lora4j.testkit.XaloraSimulator} or {@link dev.lora4j.testkit.WiroSimulator},
 * or with {@link dev.lora4j.testkit.Simulators#start(String)} for a provider named at run time.
 */
module dev.lora4j.testkit {
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;
  requires reactor.core;
  requires org.reactivestreams;
  requires reactor.netty.core;
  requires reactor.netty.http;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires java.desktop;
  requires org.slf4j;

  exports dev.lora4j.testkit;
}
