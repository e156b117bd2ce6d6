package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.Echo;
import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.RequestJournal;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Wiro status channel: a client registers a task token with a {@code task_info} message and
 * gets the task's current frame, then one per change, until the task ends or the frame limit
 * closes the socket early.
 */
final class WiroSocket {

  private final RequestJournal journal;
  private final WiroEndpoints tasks;
  private final WiroProtocol protocol;
  private final BooleanSupplier echo;
  private volatile int frameLimit;

  WiroSocket(RequestJournal journal, WiroEndpoints tasks, WiroProtocol protocol, BooleanSupplier echo, int frameLimit) {
    this.journal = journal;
    this.tasks = tasks;
    this.protocol = protocol;
    this.echo = echo;
    this.frameLimit = frameLimit;
  }

  /** Closes new subscriptions (1001) after this many frames; {@link WiroSimulator#UNLIMITED} for never. */
  void closeAfter(int frames) {
    this.frameLimit = frames;
  }

  /**
   * Serves one socket. The inbound side stays subscribed for the socket's whole life (cancelling
   * it would make Reactor Netty close the socket at once); only its first text frame counts.
   */
  Publisher<Void> serve(WebsocketInbound in, WebsocketOutbound out) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    in.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .add(h.getValue()));
    Sinks.One<String> registration = Sinks.one();
    Mono<Void> inbound = in.aggregateFrames()
        .receiveFrames()
        .ofType(TextWebSocketFrame.class)
        .map(TextWebSocketFrame::text)
        .doOnNext(registration::tryEmitValue)
        .doFinally(signal -> registration.tryEmitEmpty())
        .then();
    Mono<Void> outbound = registration.asMono().flatMap(text -> answer(text, headers, out));
    return Mono.when(inbound, outbound);
  }

  private Mono<Void> answer(String text, Map<String, List<String>> headers, WebsocketOutbound out) {
    JsonNode message = Json.parse(text);
    JsonNode params = message != null && message.isObject() ? message : MissingNode.getInstance();
    journal.record(new RecordedRequest(WiroSimulator.SOCKET, "WS", "/v1", headers, text, params, null));
    String token = "task_info".equals(WiroTask.text(params.get("type")))
        ? WiroTask.text(params.get("tasktoken"))
        : null;
    WiroTask task = token == null ? null : tasks.byToken(token);
    if (task == null) {
      ObjectNode error = Json.object();
      error.put("type", "task_info");
      error.put("result", false);
      error.put("message", "There is no task yet.");
      return out.sendString(Mono.just(Json.write(error))).then()
          .then(out.sendClose(1008, "unknown task token"));
    }
    journal.countCall(WiroSimulator.SOCKET, task.id);
    int limit = frameLimit;
    AtomicBoolean ended = new AtomicBoolean();
    Flux<WiroTask.Frame> frames = task.framesFromNow();
    if (limit != WiroSimulator.UNLIMITED) {
      frames = frames.take(limit);
    }
    return out.sendString(frames.doOnNext(frame -> ended.set(frame.last())).map(frame -> frameText(task, frame)))
        .then()
        .then(Mono.defer(() -> ended.get()
            ? out.sendClose(1000, "task ended")
            : out.sendClose(1001, "closed early by the simulator")));
  }

  private String frameText(WiroTask task, WiroTask.Frame frame) {
    if (!echo.getAsBoolean()) {
      return frame.text();
    }
    JsonNode parsed = Json.parse(frame.text());
    if (parsed == null) {
      return frame.text();
    }
    List<String> values = new ArrayList<>(protocol.echoed(protocol.auth().keyOf(task.projectId).orElse(null), true, null));
    values.add(task.token);
    return Json.write(Echo.into(parsed, values, WiroProtocol.ECHO_KEPT));
  }
}
