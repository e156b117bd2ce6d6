package dev.lora4j.testkit.internal;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * A Reactor Netty HTTP server bound to {@code 127.0.0.1}. Closing it closes every open connection
 * too, keep-alive and WebSocket ones included.
 */
public final class LoopbackServer {

  /** The only interface the simulators bind to. */
  public static final String HOST = "127.0.0.1";

  private final DisposableServer server;
  private final ChannelGroup connections;

  private LoopbackServer(DisposableServer server, ChannelGroup connections) {
    this.server = server;
    this.connections = connections;
  }

  /**
   * Binds a server, blocking until it listens.
   *
   * @param port the port, 0 for an ephemeral one
   * @param routes declares the routes
   * @return the listening server
   */
  public static LoopbackServer bind(int port, Consumer<? super HttpServerRoutes> routes) {
    ChannelGroup connections = new DefaultChannelGroup("lora4j-simulator", GlobalEventExecutor.INSTANCE);
    DisposableServer server = HttpServer.create()
        .host(HOST)
        .port(port)
        .channelGroup(connections)
        .route(routes)
        .bindNow(Duration.ofSeconds(10));
    return new LoopbackServer(server, connections);
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /** Stops listening and closes every connection, waiting up to five seconds. */
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
    connections.close().awaitUninterruptibly(5_000);
  }

  /** Blocks until the server is closed. */
  public void awaitClose() {
    server.onDispose().block();
  }
}
