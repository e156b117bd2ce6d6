package dev.lora4j.wiro.internal;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.HttpTaskProvider;
import dev.lora4j.spi.http.HttpErrorMapper;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.wiro.WiroRun;
import dev.lora4j.wiro.WiroTool;
import dev.lora4j.wiro.WiroTracking;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Wiro tool API's calls, one attempt each, and the status socket.
 *
 * <ul>
 *   <li>{@code submit}: {@code Run/{owner}/{tool}}; the handle carries the socket access token.
 *   <li>{@code fetch}: {@code Task/Detail}, naming the task by {@code taskid} (always present;
 *       the token stays on the socket).
 *   <li>{@code cancel}: {@code Task/Kill} when the last known status is running, else {@code
 *       Task/Cancel}; on the code 1 answer ("not in a cancellable state") the other one.
 *   <li>{@code push}: the status socket, as the tracking mode says.
 * </ul>
 */
public final class WiroProvider extends HttpTaskProvider {

  /** How long a socket may stay silent before the task is read once with {@code Task/Detail}. */
  static final Duration SOCKET_SILENCE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(WiroProvider.class);

  private final WiroCodec codec;
  private final SocketWatcher socket;
  private final WiroTracking tracking;
  private final String credentials;
  private final HttpErrorMapper errors;

  /**
   * Creates the provider.
   *
   * @param http the HTTP client, signing every request; owned and closed by this provider
   * @param codec the wire format
   * @param socketUrl the status socket's URL
   * @param tracking how tasks are followed
   * @param credentials where the credentials came from (never their values), such as {@code the API
   *     key from environment variable WIRO_API_KEY and the API secret from option apiSecret}
   * @param signed whether an API secret is configured, for the hint of an authentication failure
   */
  public WiroProvider(
      ProviderHttpClient http, WiroCodec codec, URI socketUrl, WiroTracking tracking, String credentials, boolean signed) {
    super(http);
    this.codec = Objects.requireNonNull(codec, "codec");
    this.tracking = Objects.requireNonNull(tracking, "tracking");
    this.credentials = credentials;
    this.socket = new SocketWatcher(socketUrl, codec, http.webSocketClient(), SOCKET_SILENCE);
    String hint = signed ? "" : "; no API secret is configured, which a project set to signature authentication needs";
    HttpErrorMapper noSuchPath = f -> new InvalidRequestException(
        f.message() + " (Wiro has no such endpoint: check the base URL " + http.baseUrl() + " and the tool's slug)",
        f.statusCode(), f.providerMessage());
    this.errors = http.errorMapper().onAuthenticationFailure("check " + credentials + hint).onStatus(404, noSuchPath);
  }

  @Override
  public Mono<TaskHandle> submit(TaskRequest request) {
    return Mono.defer(() -> {
      WiroRun run = WiroRequests.MAPPING.map(request);
      String path = WiroCodec.RUN + run.tool();
      return http.postJson(path, codec.runBody(run), errors).map(answer -> codec.handle(path, answer));
    });
  }

  @Override
  public Mono<TaskUpdate> fetch(TaskHandle handle) {
    // built once: the core resubscribes this Mono for every poll of a watch
    return http.postJsonAnswer(WiroCodec.TASK_DETAIL, codec.taskBody(handle.id()), errors)
        .map(answer -> answer.pollHintOn(codec.update(handle, codec.task(handle.id(), answer.body()))));
  }

  private Mono<JsonNode> detail(TaskHandle handle) {
    // built once: the core resubscribes this Mono for every poll of a watch
    return http.postJson(WiroCodec.TASK_DETAIL, codec.taskBody(handle.id()), errors)
        .map(answer -> codec.task(handle.id(), answer));
  }

  @Override
  public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
    boolean running = lastKnown != null && lastKnown.status() == TaskStatus.RUNNING;
    String first = running ? WiroCodec.TASK_KILL : WiroCodec.TASK_CANCEL;
    String second = running ? WiroCodec.TASK_CANCEL : WiroCodec.TASK_KILL;
    return end(first, handle).flatMap(firstRefusal -> {
      log.debug("Wiro {} refused task {} ({}): trying {}", first, handle.id(), firstRefusal, second);
      return end(second, handle).flatMap(secondRefusal -> Mono.error(new TaskNotFoundException(
          "wiro could not cancel task " + handle.id() + ": " + first + " answered '" + firstRefusal + "' and "
              + second + " answered '" + secondRefusal + "' (no such task, or it has already ended)",
          200, secondRefusal)));
    }).then();
  }

  /** Calls Cancel or Kill: empty when accepted, else the code 1 refusal's message. */
  private Mono<String> end(String path, TaskHandle handle) {
    return Mono.defer(() -> http.postJson(path, codec.taskBody(handle.id()), errors)
        .flatMap(answer -> {
          String refusal = codec.refusal(path, answer);
          return refusal == null ? Mono.empty() : Mono.just(refusal);
        }));
  }

  @Override
  public Flux<TaskUpdate> push(TaskHandle handle) {
    String token = handle.token();
    switch (tracking) {
      case POLLING:
        return Flux.empty();
      case AUTO:
        return token == null ? Flux.empty() : socket.watch(handle, token, this::fetch);
      default:
        if (token != null) {
          return socket.watch(handle, token, this::fetch);
        }
        // A handle without its token (resumed by id): read the token once, then use the socket.
        return detail(handle).flatMapMany(task -> {
          TaskUpdate update = codec.update(handle, task);
          String found = WiroValues.text(task, "socketaccesstoken");
          if (update.status().isTerminal() || found == null || found.isBlank()) {
            return Flux.just(update);
          }
          return Flux.just(update).concatWith(socket.watch(handle, found.strip(), this::fetch));
        });
    }
  }

  /**
   * Reads a tool's description, one attempt.
   *
   * @param slug the tool's slug, {@code owner/tool}
   * @return a {@code Mono} emitting the tool
   */
  public Mono<WiroTool> tool(String slug) {
    return Mono.defer(() -> http.postJson(WiroCodec.TOOL_DETAIL, codec.toolBody(slug), errors)
        .map(answer -> codec.tool(slug, answer)));
  }

  /**
   * Counts the status sockets open now; for tests.
   *
   * @return the number of open sockets
   */
  public int openSockets() {
    return socket.openSockets();
  }

  @Override
  public void close() {
    socket.close();
    super.close();
  }

  @Override
  public String toString() {
    return "WiroProvider{" + http.baseUrl() + ", tracking=" + tracking + ", " + credentials + "}";
  }
}
