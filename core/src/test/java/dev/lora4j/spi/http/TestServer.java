package dev.lora4j.spi.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** A real HTTP server on 127.0.0.1 that records each request and answers as a test tells it. */
final class TestServer implements AutoCloseable {

  /** How the server answers a request whose body it has read. */
  @FunctionalInterface
  interface Handler {
    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, String body);
  }

  /** A request as the server received it. */
  record Recorded(String method, String uri, HttpHeaders headers, String body) {}

  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Handler handler = json(200, "{}");
  private final DisposableServer server;

  TestServer() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              requests.add(
                                  new Recorded(
                                      req.method().name(), req.uri(), req.requestHeaders().copy(), body));
                              return Mono.from(handler.handle(req, res, body));
                            }))
            .bindNow();
  }

  static Handler json(int status, String body) {
    return respond(status, "application/json", body);
  }

  static Handler respond(int status, String contentType, String body) {
    return (req, res, requestBody) ->
        res.status(HttpResponseStatus.valueOf(status))
            .header("Content-Type", contentType)
            .sendString(Mono.just(body))
            .then();
  }

  void answer(Handler handler) {
    this.handler = handler;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  int port() {
    return server.port();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<String> uris() {
    return requests.stream().map(Recorded::uri).collect(Collectors.toList());
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
  }
}
