package dev.lora4j.testkit;

import dev.lora4j.testkit.XaloraRequests.Create;
import dev.lora4j.testkit.XaloraRequests.Rejected;
import dev.lora4j.testkit.XaloraRequests.Render;
import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Incoming;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.Bodies;
import dev.lora4j.testkit.internal.FileStore.StoredFile;
import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.Seeds;
import dev.lora4j.testkit.internal.TaskRegistry;
import dev.lora4j.testkit.internal.TaskTiming;
import dev.lora4j.testkit.internal.WaitingLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local fake of the Xalora sequencer workflow API ({@code task_create}, {@code task_result_query},
 * {@code task_cancel}) on {@code 127.0.0.1}, written from the wire specification.
 *
 * <pre>{@code
 * try (XaloraSimulator xalora = XaloraSimulator.builder().runTime(Duration.ofMillis(100)).build().start()) {
 *     URI base = xalora.baseUrl(); // http://127.0.0.1:PORT
 *     // point the client under test at base, with XALORA_API_KEY=sim-consumer#sim-key
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Every call is {@code POST} with a JSON object body; another {@code Content-Type} or a body
 *       that is not a JSON object is 400. Errors are JSON {@code {"error": "..."}}: 400 names the
 *       field ({@code task_details.parameters.prompt is required},
 *       {@code task_details.parameters.width must be a number}); 401 for unknown credentials, never
 *       echoing the key; 404 for an unknown task or path.
 *   <li>{@code task_create} needs {@code workflow_id}, except for txt2img (FluxLora), where it
 *       defaults to the documented workflow {@code 3}, as the reference client leaves it out
 *       unless set; upscaler and txt2vid have no documented default.
 *   <li>{@code task_create} needs a configured {@code consumer_id}/{@code api_key} pair;
 *       {@code task_result_query} and {@code task_cancel} need any configured {@code api_key} and
 *       work on any task (ownership is not checked).
 *   <li>A task is {@code waiting} for the queue time (with {@code queue_position}), then
 *       {@code running} on a miner for the run time, then {@code finished} with {@code result} the
 *       URL of its output on this simulator, or {@code failed} with a {@code msg} for the configured
 *       share of tasks. With {@code timeout_seconds} (fractions allowed), a task not finished by then
 *       is {@code canceled} by the server with a {@code msg}.
 *   <li>{@code task_cancel} of a waiting or running task makes it {@code canceled}; of an ended
 *       task it answers 200 with a {@code msg} saying so and changes nothing.
 *   <li>Task ids are 10 hex characters drawn from a random salt of each instance, so that they do
 *       not repeat across simulators and runs (output files named after them never collide); the
 *       {@linkplain Builder#seed(long) seed} makes queue and run times, failures and miner ids
 *       reproducible.
 *   <li>Outputs, under {@code /files/{taskId}/}: txt2img a PNG of the requested {@code width} and
 *       {@code height} (default 680 x 1024); upscaler a 512 x 512 PNG (a notional 2x of a 256 x 256
 *       input, made from the {@code image} URL, which is never fetched); txt2vid a looping animated
 *       GIF of {@code width} x {@code height} (default 256 x 256, each capped at 512),
 *       {@code length} frames (default 4, at most 16) at {@code fps} (default 8). Each image and
 *       frame is a gradient with the word "simulated", the {@code prompt} (or the upscaler's
 *       {@code image}), the {@code lora_name} ("none" for the other workflows), the seed and the
 *       size drawn over it, as much as fits; the same parameters give the same bytes.
 *   <li>With {@link #echoCredentials(boolean)} every answer echoes the request's
 *       {@code consumer_id} and {@code api_key}: appended to every text field, as an {@code echo}
 *       query parameter of the output URL, and in a top-level {@code echo} field; {@code task_id}
 *       and {@code status} are left alone.
 *   <li>Endpoint keys for inspection and faults: {@link #TASK_CREATE}, {@link #TASK_RESULT_QUERY},
 *       {@link #TASK_CANCEL} and {@link #FILES}. {@link #status(String)} is {@code waiting},
 *       {@code running}, {@code finished}, {@code failed} or {@code canceled}.
 * </ul>
 *
 * <p>Thread-safe. Inspection methods may be called at any time, also after {@link #close()}.
 */
public final class XaloraSimulator extends AbstractSimulator<XaloraSimulator> {

  /** The provider name, {@value}. */
  public static final String PROVIDER = "xalora";

  /**
   * The {@code task_create} endpoint. For {@link #calls(String, String)} it counts 1 for the call
   * that created the task.
   */
  public static final String TASK_CREATE = "task_create";

  /**
   * The {@code task_result_query} endpoint. For {@link #calls(String, String)} it counts every
   * request whose {@code task_id} is the task's, faulted ones included; a {@linkplain #task(String)
   * task snapshot} is its body.
   */
  public static final String TASK_RESULT_QUERY = "task_result_query";

  /**
   * The {@code task_cancel} endpoint, counted by {@link #calls(String, String)} as
   * {@link #TASK_RESULT_QUERY} is.
   */
  public static final String TASK_CANCEL = "task_cancel";

  /** The consumer id accepted when no credentials are configured. */
  public static final String DEFAULT_CONSUMER_ID = "sim-consumer";
  /** The API key accepted when no credentials are configured. */
  public static final String DEFAULT_API_KEY = "sim-key";

  /** The {@code msg} of a task that fails by the failure rate. */
  static final String FAILURE_MESSAGE = "simulated failure: the miner could not complete the workflow";

  private static final Logger LOG = LoggerFactory.getLogger(XaloraSimulator.class);

  private record Credential(String consumerId, String apiKey) {
  }

  private final TaskRegistry<XaloraTask> tasks;
  /** The waiting tasks, for their queue positions. */
  private final WaitingLine waiting = new WaitingLine();
  private final Set<Credential> credentials;
  private final Credential firstCredential;
  private final TaskTiming timing;
  private final long seed;
  private final long idSalt = Seeds.salt();
  /** What an echo of credentials leaves alone, so that an answer still means what it meant. */
  private static final Set<String> ECHO_KEPT = Set.of("task_id", "status");

  /** The Xalora side of every call: JSON bodies, {@code {"error": ...}} answers. */
  private static final ApiExchange.Protocol PROTOCOL = new ApiExchange.Protocol() {
    @Override
    public JsonNode parse(@Nullable String contentType, byte[] body) {
      return Bodies.isJson(contentType) ? Bodies.jsonObject(body) : MissingNode.getInstance();
    }

    @Override
    public Reply error(int status, String message) {
      return errorReply(status, message);
    }

    @Override
    public Reply stale(Incoming in, Reply reply) {
      return in.endpoint().equals(TASK_RESULT_QUERY) ? earlierState(reply) : reply;
    }

    @Override
    public List<String> credentials(Incoming in) {
      return Stream.of("consumer_id", "api_key")
          .map(field -> in.params().path(field))
          .filter(JsonNode::isString)
          .map(JsonNode::stringValue)
          .toList();
    }

    @Override
    public Set<String> kept() {
      return ECHO_KEPT;
    }
  };

  private XaloraSimulator(Builder builder) {
    this(builder, new TaskRegistry<>());
  }

  private XaloraSimulator(Builder builder, TaskRegistry<XaloraTask> tasks) {
    super("XaloraSimulator", "", builder, PROTOCOL, tasks);
    this.tasks = tasks;
    this.credentials = builder.credentials.isEmpty()
        ? Set.of(new Credential(DEFAULT_CONSUMER_ID, DEFAULT_API_KEY))
        : Set.copyOf(builder.credentials);
    this.firstCredential = builder.credentials.isEmpty()
        ? new Credential(DEFAULT_CONSUMER_ID, DEFAULT_API_KEY)
        : builder.credentials.iterator().next();
    this.timing = builder.timing();
    this.seed = builder.seed;
  }

  /** A {@code task_result_query} answer as a replica one step behind would give it. */
  private static Reply earlierState(Reply reply) {
    JsonNode answer = Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
    if (reply.status() != 200 || !(answer instanceof ObjectNode current)) {
      return reply;
    }
    ObjectNode earlier = current.deepCopy();
    switch (current.path("status").asString("")) {
      case "running":
        earlier.put("status", XaloraStatus.WAITING.wire()).put("queue_position", 1).putNull("miner_id");
        break;
      case "finished":
      case "failed":
      case "canceled":
        earlier.put("status", XaloraStatus.RUNNING.wire()).put("msg", "").putNull("result")
            .putNull("inference_latency").putNull("upload_latency");
        break;
      default:
        return reply;
    }
    return Reply.json(200, earlier);
  }

  /**
   * Starts a builder with the defaults: ephemeral port, credentials
   * {@value #DEFAULT_CONSUMER_ID} / {@value #DEFAULT_API_KEY}, queue time 100 ms, run time 400 ms,
   * failure rate 0, seed 0, no faults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @return {@value #PROVIDER}
   */
  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Adds {@code apiKey}: {@code consumerId#apiKey} of the first accepted pair. */
  @Override
  void connection(Map<String, String> settings) {
    settings.put("apiKey", firstCredential.consumerId() + "#" + firstCredential.apiKey());
  }

  @Override
  public Optional<JsonNode> task(String taskId) {
    return Optional.ofNullable(tasks.get(Objects.requireNonNull(taskId, "taskId"))).map(task -> task.toJson(queuePosition(task)));
  }

  @Override
  void routes(HttpServerRoutes routes) {
    files(routes, (taskId, name) -> errorReply(404, "file not found: " + taskId + "/" + name))
        .post("/" + TASK_CREATE, (req, res) -> exchange.serve(req, res, TASK_CREATE,
            params -> null, guarded(this::create)))
        .post("/" + TASK_RESULT_QUERY, (req, res) -> exchange.serve(req, res, TASK_RESULT_QUERY,
            XaloraSimulator::taskIdOf, guarded(this::query)))
        .post("/" + TASK_CANCEL, (req, res) -> exchange.serve(req, res, TASK_CANCEL,
            XaloraSimulator::taskIdOf, guarded(this::cancel)))
        .route(req -> true, (req, res) -> ApiExchange.send(res,
            errorReply(404, "no such endpoint: " + req.method() + " " + req.path())));
  }

  private static @Nullable String taskIdOf(JsonNode params) {
    JsonNode id = params.get("task_id");
    return id != null && id.isString() ? id.stringValue() : null;
  }

  private static Function<Incoming, Reply> guarded(Function<Incoming, Reply> handler) {
    return in -> {
      try {
        return handler.apply(in);
      } catch (Rejected e) {
        return errorReply(e.status, e.getMessage());
      }
    };
  }

  private static Reply errorReply(int status, String message) {
    ObjectNode body = Json.object();
    body.put("error", message);
    return Reply.json(status, body);
  }

  private static JsonNode jsonBody(Incoming in) {
    if (!Bodies.isJson(in.header("content-type"))) {
      throw XaloraRequests.badRequest("Content-Type must be application/json");
    }
    if (!in.params().isObject()) {
      throw XaloraRequests.badRequest("request body must be a JSON object");
    }
    return in.params();
  }

  private Reply create(Incoming in) {
    JsonNode body = jsonBody(in);
    String consumerId = XaloraRequests.credential(body, "consumer_id");
    String apiKey = XaloraRequests.credential(body, "api_key");
    if (!credentials.contains(new Credential(consumerId, apiKey))) {
      throw new Rejected(401, "invalid credentials: unknown consumer_id or api_key");
    }
    Create request = XaloraRequests.create(body, consumerId, apiKey);
    XaloraTask task = register(request);
    core.journal().countCall(TASK_CREATE, task.id);
    schedule(task, request.render(), request.timeoutMillis());
    ObjectNode reply = Json.object();
    reply.put("task_id", task.id);
    return Reply.json(200, reply);
  }

  private Reply query(Incoming in) {
    XaloraTask task = namedTask(jsonBody(in));
    return Reply.json(200, task.toJson(queuePosition(task)));
  }

  private Reply cancel(Incoming in) {
    XaloraTask task = namedTask(jsonBody(in));
    String msg = task.cancel("canceled by request")
        ? "Task canceled"
        : "Task already " + task.status().wire() + "; nothing to cancel";
    ObjectNode reply = Json.object();
    reply.put("task_id", task.id);
    reply.put("msg", msg);
    return Reply.json(200, reply);
  }

  private XaloraTask namedTask(JsonNode body) {
    String apiKey = XaloraRequests.credential(body, "api_key");
    String taskId = XaloraRequests.requiredString(body, "task_id", "task_id");
    if (credentials.stream().noneMatch(c -> c.apiKey().equals(apiKey))) {
      throw new Rejected(401, "invalid credentials: unknown api_key");
    }
    XaloraTask task = tasks.get(taskId);
    if (task == null) {
      throw new Rejected(404, "task not found: " + taskId);
    }
    return task;
  }

  private XaloraTask register(Create request) {
    long ordinal = tasks.nextOrdinal();
    long createTimestamp = System.currentTimeMillis() / 1000;
    for (long attempt = 0; ; attempt++) {
      String id = Seeds.hex(idSalt, "task-id", ordinal + (attempt << 40), 10);
      XaloraTask task = new XaloraTask(id, ordinal, request, createTimestamp, waiting);
      waiting.join(ordinal);
      if (tasks.add(id, task)) {
        return task;
      }
      waiting.leave(ordinal);
    }
  }

  private void schedule(XaloraTask task, Render render, long timeoutMillis) {
    Duration queue = timing.queueTime(task.ordinal);
    Duration run = timing.runTime(task.ordinal);
    boolean fails = timing.fails(task.ordinal);
    String miner = "0x" + Seeds.hex(seed, "miner", task.ordinal, 40);
    Mono<Void> lifecycle = Mono.delay(queue, Schedulers.parallel())
        .doOnNext(tick -> task.start(miner))
        .then(Mono.delay(run, Schedulers.parallel()))
        .then(fails
            ? Mono.fromRunnable(() -> task.fail(FAILURE_MESSAGE))
            : Mono.fromCallable(() -> renderTimed(render))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(rendered -> complete(task, render, rendered, run))
                .then())
        .onErrorResume(e -> {
          LOG.warn("task {} failed to produce its output", task.id, e);
          return Mono.fromRunnable(() -> task.fail("simulated miner error: " + e.getMessage()));
        });
    task.timers.add(lifecycle.subscribe());
    if (timeoutMillis > 0) {
      task.timers.add(Mono.delay(Duration.ofMillis(timeoutMillis), Schedulers.parallel())
          .subscribe(tick -> task.cancel("task timed out after "
              + task.timeoutSeconds + " seconds and was canceled by the server")));
    }
  }

  private record Rendered(StoredFile file, double seconds) {
  }

  private Rendered renderTimed(Render render) {
    long start = System.nanoTime();
    StoredFile file = render.kind().equals("gif")
        ? new StoredFile(core.renderer().gif(render.width(), render.height(), render.frames(),
            render.delayCentis(), render.caption(), ""), "image/gif")
        : new StoredFile(core.renderer().png(render.width(), render.height(), render.caption(), ""), "image/png");
    return new Rendered(file, (System.nanoTime() - start) / 1e9);
  }

  private void complete(XaloraTask task, Render render, Rendered rendered, Duration run) {
    String path = task.id + "/0." + render.kind();
    core.files().put(path, rendered.file());
    String url = baseUrl() + "/files/" + path;
    if (!task.finish(url, run.toNanos() / 1e9, Math.max(0.001, rendered.seconds()))) {
      core.files().remove(path);
    }
  }

  private int queuePosition(XaloraTask task) {
    return waiting.position(task.ordinal);
  }

  /**
   * Runs a simulator until the process is killed. The port comes from the first argument, else
   * the system property {@code lora4j.xalora.port}, else an ephemeral port. Prints the base URL
   * and the accepted credentials.
   *
   * @param args optionally the port
   */
  public static void main(String[] args) {
    XaloraSimulator simulator = builder().port(port(args, PROVIDER)).build().start();
    simulator.serveUntilKilled("Xalora", "XALORA_WORKFLOW_URL", simulator.baseUrl().toString(),
        "XALORA_API_KEY", DEFAULT_CONSUMER_ID + "#" + DEFAULT_API_KEY);
  }

  /**
   * Builds an {@link XaloraSimulator}: the settings every simulator has, and the accepted
   * credentials. Each setter validates its argument at once.
   */
  public static final class Builder extends SimulatorBuilder<Builder> {
    private final Set<Credential> credentials = new LinkedHashSet<>();

    private Builder() {
    }

    /**
     * Adds an accepted credential pair. Once any pair is added, the default pair
     * ({@value XaloraSimulator#DEFAULT_CONSUMER_ID} / {@value XaloraSimulator#DEFAULT_API_KEY}) is no longer accepted.
     *
     * @param consumerId the consumer id; not blank, without {@code '#'}
     * @param apiKey the API key; not blank
     * @return this builder
     * @throws IllegalArgumentException if a value is blank or the consumer id holds {@code '#'}
     */
    public Builder credentials(String consumerId, String apiKey) {
      Objects.requireNonNull(consumerId, "consumerId");
      Objects.requireNonNull(apiKey, "apiKey");
      if (consumerId.isBlank()) {
        throw new IllegalArgumentException("consumerId must not be blank, was '" + consumerId + "'");
      }
      if (consumerId.contains("#")) {
        throw new IllegalArgumentException(
            "consumerId must not contain '#' (it separates consumer id and key), was '" + consumerId + "'");
      }
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      credentials.add(new Credential(consumerId, apiKey));
      return this;
    }

    @Override
    public XaloraSimulator build() {
      return new XaloraSimulator(this);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "XaloraSimulator[tasks=%d, credentials=%d]", tasks.size(),
        credentials.size());
  }
}
