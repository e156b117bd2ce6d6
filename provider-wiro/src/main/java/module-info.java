/**
 * The Wiro provider of lora4j: the Wiro tool API ({@code Run}, {@code Task/Detail}, {@code
 * Task/Cancel}, {@code Task/Kill}, {@code Tool/Detail}) with HMAC nonce signing and the status
 * WebSocket, found by {@link java.util.ServiceLoader}.
 */
module dev.lora4j.wiro {
  requires transitive dev.lora4j.core;
  requires org.slf4j;
  requires tools.jackson.core;
  requires reactor.netty.core;
  requires reactor.netty.http;
  requires io.netty.codec.http;
  requires io.netty.transport;

  exports dev.lora4j.wiro;

  provides dev.lora4j.spi.TaskProviderFactory with dev.lora4j.wiro.WiroProviderFactory;
}
