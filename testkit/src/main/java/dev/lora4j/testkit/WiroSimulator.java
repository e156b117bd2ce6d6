package dev.lora4j.testkit;

import dev.lora4j.testkit.WiroAuth.Project;
import dev.lora4j.testkit.WiroAuth.Unauthorized;
import dev.lora4j.testkit.WiroTools.BusinessError;
import dev.lora4j.testkit.WiroTools.Render;
import dev.lora4j.testkit.WiroTools.Tool;
import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Incoming;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.Bodies;
import dev.lora4j.testkit.internal.Echo;
import dev.lora4j.testkit.internal.FileStore.StoredFile;
import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.Seeds;
import dev.lora4j.testkit.internal.SimulatorCore;
import dev.lora4j.testkit.internal.TaskTiming;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local fake of the Wiro API ({@code Run}, {@code Task/Detail}, {@code Task/Cancel},
 * {@code Task/Kill}, {@code Tool/Detail} and the WebSocket status channel) on {@code 127.0.0.1},
 * written from the wire specification and seed 004.
 *
 * <pre>{@code
 * try (WiroSimulator wiro = WiroSimulator.builder().runTime(Duration.ofMillis(200)).build().start()) {
 *     URI base = wiro.baseUrl();     // http://127.0.0.1:PORT/v1
 *     URI socket = wiro.socketUrl(); // ws://127.0.0.1:PORT/v1
 *     // WIRO_API_KEY=sim-api-key, WIRO_API_SECRET=sim-api-secret
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Calls are {@code POST {baseUrl}/...} with a JSON body, or {@code multipart/form-data}
 *       (text fields; a repeated field is several values; a file part counts as its file name). A
 *       {@code multipart/form-data} content type without a boundary is read as JSON, as the seed's
 *       curl sends it. A non-empty body of another content type is
 *       {@code "Request parameters are invalid."}.
 *   <li>Authentication as in the spec: HTTP 401 with code 0 and "Project authorization is not
 *       founded." (unknown key), "Project requires signature authentication. x-signature and
 *       x-nonce headers are required." or "Project authorization is not valid." (bad signature or a
 *       nonce that is not a decimal integer); optionally "Nonce has already been used.".
 *   <li>Business errors are HTTP 200 with {@code "result": false} and one error, codes and messages
 *       from Wiro's error reference: 0 "Request parameter [prompt] required", "Request parameter
 *       [steps] must be integer or float", "Request parameter [steps] must be between 1 and 50",
 *       "taskid or socketaccesstoken is required"; 1 "There is no task yet.", "Task is not in a
 *       cancellable state.", "Task could not be killed: ...", "slug-owner-project-not-exist" (an
 *       unknown tool, for {@code Run} and {@code Tool/Detail}); 96, 97, 98 from the run knobs. An
 *       unknown path is HTTP 404, code 0 "Error parsing url.".
 *   <li>{@code wiro/text-to-image-flux-lora-fast} takes {@code prompt} (required), {@code steps}
 *       1-50, {@code scale} 0-20, {@code samples} 1-4, {@code width} and {@code height} 64-2048
 *       (the ranges are this simulator's choice; the seed gives none), numbers as JSON numbers or
 *       numeric text. {@code Tool/Detail} states each range as the input's {@code min},
 *       {@code max} and {@code step} (JSON numbers), as Wiro names them; {@code minvalue} and
 *       {@code maxvalue} appear only in a LoRA's {@code generatesettings}. {@code selectedLoraModel} is not checked against the catalog (the seed's
 *       catalog is partial: its own default "655" is not in it). Other tools registered with
 *       {@link Builder#tool(String)} accept anything and render one 256 x 256 PNG.
 *   <li>A task walks task_queue (for the queue time), then task_accept, task_preprocess_start,
 *       task_preprocess_end, task_assign, task_start, three task_output frames (a stdout line, a
 *       progress object, a progress object as a JSON string), task_output_full, task_end,
 *       task_postprocess_start and task_postprocess_end spread over the run time. Frame messages
 *       are shaped as Wiro's websocket documentation shows: {@code null} for lifecycle events,
 *       a string or progress object (or a JSON string of one) for task_output, a line for
 *       task_error, {@code {"raw": "<the whole log>"}} for task_output_full and task_error_full,
 *       and the outputs array for task_postprocess_end; {@code pexit}
 *       is "" until the end, then "0" with one {@code outputs} PNG per sample, deterministic from
 *       prompt, LoRA, seed and steps. A failing task (the failure rate) logs a task_error line and
 *       task_error_full instead of the last progress frame, and ends with {@code pexit} "1",
 *       {@code debugerror} set, no outputs and {@code totalcost} "0". A task_error line is a frame
 *       only: {@code Task/Detail} keeps the task's status, since its task_error status means a
 *       failure before the model ran.
 *   <li>A task that fails before it runs (the pre-execution failure rate) goes from task_queue,
 *       after the queue time, to the status task_error, with {@code debugerror} "{@value
 *       #PRE_EXECUTION_ERROR}", {@code starttime} and {@code endtime} "0", {@code pexit} "" (the
 *       model never ran), no outputs and {@code totalcost} "0". Its socket sends a task_error
 *       frame, whose message is the error line, and closes (1000); {@code Task/Cancel} and
 *       {@code Task/Kill} refuse it as ended.
 *   <li>{@code Task/Cancel} works only in task_queue; {@code Task/Kill} only from task_accept to
 *       task_postprocess_start. Both lead to task_cancel, whose {@code pexit} is "0" as in the
 *       seed's examples. Both accept {@code taskid}, {@code tasktoken} or
 *       {@code socketaccesstoken}, as does {@code Task/Detail}.
 *   <li>The WebSocket at {@link #socketUrl()} needs no auth. After
 *       {@code {"type":"task_info","tasktoken":"..."}} it sends the current status's frame at once,
 *       then one frame per change, and closes (1000) after task_postprocess_end, task_cancel or a
 *       task_error that failed the task before it ran. An
 *       unknown token gets {@code {"type":"task_info","result":false,"message":"There is no task
 *       yet."}} and a close with 1008. With {@link #closeSocketsAfter(int)} it closes (1001) early.
 *   <li>A task object names the tool that ran it: {@code modelslugowner}, {@code
 *       modelslugproject} (such as {@code wiro} and {@code text-to-image-flux-lora-fast}) and
 *       {@code modeldescription}, the tool's description.
 *   <li>Task ids (numbers of eight to ten digits), uuids, socket tokens and output ids are drawn
 *       from a random salt of each instance, so that they do not repeat across simulators and
 *       runs; the {@linkplain Builder#seed(long) seed} makes queue and run times, failures and run
 *       rejections reproducible.
 *   <li>Outputs are served at {@code http://127.0.0.1:PORT/files/{taskid}/{n}.png}. Each is a
 *       gradient with the word "simulated", the prompt, the LoRA ({@code selectedLoraModel} with
 *       its catalog label where known, else the file name of {@code selectedLoraModelPrivateUrl},
 *       else {@code selectedLoraModelPrivate}, else "none"), the seed and the size drawn over it,
 *       as much as fits.
 * </ul>
 *
 * <p>Not simulated: {@code callbackUrl} is recorded in the task ({@code callbackurl}) but never
 * called. Thread-safe. Inspection methods may be called at any time, also after {@link #close()}.
 */
public final class WiroSimulator implements AutoCloseable {

  /** Every {@code Run/{owner}/{tool}} endpoint, as a key for inspection and faults. */
  public static final String RUN = "Run";
  /** The {@code Task/Detail} endpoint. */
  public static final String TASK_DETAIL = "Task/Detail";
  /** The {@code Task/Cancel} endpoint. */
  public static final String TASK_CANCEL = "Task/Cancel";
  /** The {@code Task/Kill} endpoint. */
  public static final String TASK_KILL = "Task/Kill";
  /** The {@code Tool/Detail} endpoint. */
  public static final String TOOL_DETAIL = "Tool/Detail";
  /** Output file downloads, {@code GET /files/{taskid}/{name}}. */
  public static final String FILES = "files";
  /** WebSocket registrations, for {@link #requests(String)} and {@link #calls(String, String)}. */
  public static final String SOCKET = "socket";
  /** The seed's tool, always served. */
  public static final String FLUX_LORA_FAST = WiroTools.FLUX_LORA_FAST;
  /** The API key of the signature project configured when no project is configured. */
  public static final String DEFAULT_API_KEY = "sim-api-key";
  /** The API secret of the signature project configured when no project is configured. */
  public static final String DEFAULT_API_SECRET = "sim-api-secret";
  /** The {@code debugerror} of a task that fails before it runs. */
  public static final String PRE_EXECUTION_ERROR =
      "Output folder could not be created (simulated failure before the model ran)";

  private static final Logger LOG = LoggerFactory.getLogger(WiroSimulator.class);
  /** What an echo of credentials leaves alone, so that an answer or frame still means what it meant. */
  private static final Set<String> ECHO_KEPT = Set.of(
      "result", "taskid", "id", "socketaccesstoken", "tasktoken", "status", "pexit", "type", "total", "code");
  private static final int UNLIMITED = Integer.MAX_VALUE;
  /** Task ids are numbers of eight to ten digits, below 2^31 for clients that read them as an int. */
  private static final int FIRST_ID = 10_000_000;
  private static final int ID_RANGE = 2_000_000_000;

  /** The run rejection knob: a business error code and the share of runs that get it. */
  private record RunRejection(int code, double share) {
  }

  private final SimulatorCore core;
  private final WiroAuth auth;
  private final Map<String, Tool> tools;
  private final TaskTiming timing;
  private final long seed;
  private final double preExecutionFailureRate;
  private final long idSalt = Seeds.salt();
  private final int concurrencyLimit;
  private final ApiExchange exchange;
  private final Map<String, WiroTask> tasks = new ConcurrentHashMap<>();
  private final Map<String, WiroTask> tokens = new ConcurrentHashMap<>();
  private final List<String> taskOrder = new CopyOnWriteArrayList<>();
  private final AtomicLong ordinals = new AtomicLong();
  private final AtomicLong rejectionDraws = new AtomicLong();
  private final Object runLock = new Object();
  private volatile @Nullable RunRejection rejection;
  private volatile int socketFrameLimit;
  private volatile boolean echoCredentials;

  private WiroSimulator(Builder builder) {
    this.core = new SimulatorCore("WiroSimulator", builder.port, builder.faults);
    List<Project> projects = new ArrayList<>();
    List<Map.Entry<String, @Nullable String>> configured = builder.projects.isEmpty()
        ? List.of(Map.entry(DEFAULT_API_KEY, DEFAULT_API_SECRET))
        : new ArrayList<>(builder.projects.entrySet());
    for (int i = 0; i < configured.size(); i++) {
      Map.Entry<String, @Nullable String> project = configured.get(i);
      projects.add(new Project(project.getKey(), project.getValue(), Integer.toString(699 + i)));
    }
    this.auth = new WiroAuth(projects, builder.rejectReusedNonces);
    Map<String, Tool> known = new LinkedHashMap<>();
    known.put(FLUX_LORA_FAST, new WiroTools.FluxLoraFast());
    for (String slug : builder.tools) {
      known.put(slug, new WiroTools.Generic(slug, Integer.toString(2000 + known.size())));
    }
    this.tools = Map.copyOf(known);
    this.timing = new TaskTiming(builder.minQueue, builder.maxQueue, builder.minRun, builder.maxRun,
        builder.failureRate, builder.seed);
    this.seed = builder.seed;
    this.preExecutionFailureRate = builder.preExecutionFailureRate;
    this.concurrencyLimit = builder.concurrencyLimit;
    this.rejection = builder.rejection;
    this.socketFrameLimit = builder.socketFrameLimit;
    this.exchange = new ApiExchange(core.faults(), core.journal(), new ApiExchange.Protocol() {
      @Override
      public JsonNode parse(@Nullable String contentType, byte[] body) {
        return parseBody(contentType, body);
      }

      @Override
      public Reply error(int status, String message) {
        return Reply.json(status, failure(0, message));
      }

      @Override
      public Reply stale(Incoming in, Reply reply) {
        return in.endpoint().equals(TASK_DETAIL) ? earlierState(reply) : reply;
      }

      @Override
      public List<String> credentials(Incoming in) {
        String apiKey = in.header("x-api-key");
        String nonce = in.header("x-nonce");
        String signature = in.header("x-signature");
        boolean signed = apiKey != null && nonce != null && signature != null
            && auth.secretOf(apiKey).map(secret -> WiroAuth.signature(apiKey, secret, nonce).equals(signature)).orElse(false);
        return echoed(apiKey, signed, signature);
      }

      @Override
      public Set<String> kept() {
        return ECHO_KEPT;
      }
    });
    exchange.echoCredentials(builder.echoCredentials);
    this.echoCredentials = builder.echoCredentials;
  }

  /**
   * The credentials to echo: the API key and signature a request carried, and the secret of the
   * key's project (for an HTTP request only when its signature shows the caller knows it: a server
   * echoing a secret to a caller who never had it would be a leak no client can mask).
   */
  private List<String> echoed(@Nullable String apiKey, boolean withSecret, @Nullable String signature) {
    List<String> values = new ArrayList<>();
    if (apiKey != null && !apiKey.isEmpty()) {
      values.add(apiKey);
      if (withSecret) {
        auth.secretOf(apiKey).ifPresent(values::add);
      }
    }
    if (signature != null && !signature.isEmpty()) {
      values.add(signature);
    }
    return values;
  }

  /** A {@code Task/Detail} answer as a replica one step behind would give it. */
  private static Reply earlierState(Reply reply) {
    JsonNode answer = Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
    JsonNode listed = answer == null ? null : answer.path("tasklist").path(0);
    if (reply.status() != 200 || !(listed instanceof ObjectNode current)) {
      return reply;
    }
    ObjectNode earlier = current.deepCopy();
    String status = current.path("status").asString("");
    if (status.isEmpty() || status.equals(WiroStatus.TASK_QUEUE.wire())) {
      return reply;
    }
    if (status.equals(WiroStatus.TASK_POSTPROCESS_END.wire()) || status.equals(WiroStatus.TASK_CANCEL.wire())) {
      earlier.put("status", WiroStatus.TASK_START.wire()).put("pexit", "").put("debugerror", "")
          .put("endtime", "0").put("totalcost", "0").putArray("outputs");
    } else {
      earlier.put("status", WiroStatus.TASK_QUEUE.wire()).put("starttime", "0");
    }
    ObjectNode stale = (ObjectNode) answer.deepCopy();
    stale.putArray("tasklist").add(earlier);
    return Reply.json(200, stale);
  }

  /**
   * Starts a builder with the defaults: ephemeral port, one signature project
   * {@value #DEFAULT_API_KEY} / {@value #DEFAULT_API_SECRET}, nonces may repeat, only the seed's
   * tool, queue time 100 ms, run time 400 ms, failure rate 0, pre-execution failure rate 0, seed
   * 0, no faults, no run
   * rejections, no concurrency limit, sockets not closed early.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the server; calling it again does nothing.
   *
   * @return this simulator
   * @throws IllegalStateException if the simulator was closed
   */
  public WiroSimulator start() {
    core.start(this::routes);
    return this;
  }

  /**
   * The base URL to point a client at, {@code http://127.0.0.1:PORT/v1}.
   *
   * @return the base URL, without a trailing slash
   * @throws IllegalStateException if not started, or closed
   */
  public URI baseUrl() {
    return core.uri("http", "/v1");
  }

  /**
   * The WebSocket URL of the status channel, {@code ws://127.0.0.1:PORT/v1}.
   *
   * @return the socket URL
   * @throws IllegalStateException if not started, or closed
   */
  public URI socketUrl() {
    return core.uri("ws", "/v1");
  }

  /**
   * Stops the server, closes every connection and socket, stops every task timer and forgets the
   * output files. Idempotent. Inspection still works afterwards.
   */
  @Override
  public void close() {
    if (core.close()) {
      tasks.values().forEach(task -> task.timers.dispose());
    }
  }

  /**
   * Replaces the fault plan at runtime; request counting for reproducibility restarts. Faults
   * never apply to the WebSocket.
   *
   * @param plan the new plan, {@link FaultPlan#none()} to stop injecting
   */
  public void faults(FaultPlan plan) {
    core.faults().install(Objects.requireNonNull(plan, "plan"));
  }

  /**
   * The fault plan in force.
   *
   * @return the plan
   */
  public FaultPlan faults() {
    return core.faults().plan();
  }

  /**
   * From now on, answers a share of valid runs with a business error instead of starting a task.
   * Which runs is drawn from the seed and the order of runs.
   *
   * @param code 96 (concurrency limit, transient), 97 (insufficient balance) or 98 (sign-in
   *     required)
   * @param share 0.0 to 1.0
   * @throws IllegalArgumentException if {@code code} or {@code share} is out of range
   */
  public void rejectRuns(int code, double share) {
    this.rejection = Builder.checkedRejection(code, share);
  }

  /** From now on, accepts every valid run again (the concurrency limit still applies). */
  public void acceptRuns() {
    this.rejection = null;
  }

  /**
   * From now on, echoes credentials in every answer and socket frame, as a careless server would:
   * an HTTP answer gets the request's {@code x-api-key} and {@code x-signature} and the key's
   * project secret, a frame the task's project key and secret and its socket token; appended to
   * every text field, as an {@code echo} query parameter of every URL, and in a top-level {@code
   * echo} field. Ids, tokens, statuses, {@code pexit} and numbers are left alone. For tests that
   * check a client never shows them.
   *
   * @param echo {@code true} to echo, {@code false} (the default) to answer normally
   */
  public void echoCredentials(boolean echo) {
    exchange.echoCredentials(echo);
    this.echoCredentials = echo;
  }

  /**
   * From now on, new WebSocket subscriptions are closed (status 1001) after this many frames,
   * terminal frame or not, so that a client has to fall back to polling.
   *
   * @param frames 0 or more
   * @throws IllegalArgumentException if negative
   */
  public void closeSocketsAfter(int frames) {
    this.socketFrameLimit = Builder.checkedFrameLimit(frames);
  }

  /** From now on, new WebSocket subscriptions stay open until the task ends. */
  public void keepSocketsOpen() {
    this.socketFrameLimit = UNLIMITED;
  }

  /**
   * How many faults of a kind were injected since start.
   *
   * @param kind the kind
   * @return the count over all endpoints
   */
  public long faultCount(FaultKind kind) {
    return core.faults().count(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * How many faults of a kind were injected into endpoints a key matches since start.
   *
   * @param endpoint an endpoint or key such as {@link #TASK_DETAIL} or {@link #RUN}
   * @param kind the kind
   * @return the count
   */
  public long faultCount(String endpoint, FaultKind kind) {
    return core.faults().count(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Every request received, in arrival order, including rejected and faulted ones and WebSocket
   * registrations.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    return core.journal().all();
  }

  /**
   * The requests received by endpoints a key matches, in arrival order, including rejected and
   * faulted ones, with their headers.
   *
   * @param endpoint an endpoint or key such as {@link #RUN}, {@code "Run/wiro/text-to-image-flux-lora-fast"},
   *     {@link #TASK_DETAIL} or {@link #SOCKET}
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests(String endpoint) {
    return core.journal().requests(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /**
   * How many requests to endpoints a key matches named a task: for {@link #RUN} 1 for the run
   * that created it; for {@link #TASK_DETAIL}, {@link #TASK_CANCEL} and {@link #TASK_KILL} every
   * request naming it by id or token, faulted ones included; for {@link #SOCKET} every
   * registration; for {@link #FILES} every download.
   *
   * @param endpoint an endpoint or key such as {@link #TASK_DETAIL}
   * @param taskId the task id
   * @return the count
   */
  public int calls(String endpoint, String taskId) {
    return core.journal().calls(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(taskId, "taskId"));
  }

  /**
   * The ids of the tasks created, in creation order.
   *
   * @return an immutable snapshot
   */
  public List<String> taskIds() {
    return List.copyOf(taskOrder);
  }

  /**
   * The current status of a task, as on the wire.
   *
   * @param taskId the task id
   * @return a status such as {@code task_start} or {@code task_postprocess_end}; empty for an
   *     unknown task
   */
  public Optional<String> status(String taskId) {
    return Optional.ofNullable(tasks.get(taskId)).map(task -> task.status().wire());
  }

  /**
   * The current task object as {@code Task/Detail} would list it (without recording a call).
   *
   * @param taskId the task id
   * @return a copy, empty for an unknown task
   */
  public Optional<JsonNode> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId)).map(WiroTask::toJson);
  }

  private void routes(HttpServerRoutes routes) {
    routes.post("/v1/Run/{owner}/{tool}", (req, res) -> {
          String slug = req.param("owner") + "/" + req.param("tool");
          return exchange.serve(req, res, RUN + "/" + slug, params -> null,
              guarded((Incoming in, Project project) -> run(slug, in, project)));
        })
        .post("/v1/" + TASK_DETAIL, (req, res) -> exchange.serve(req, res, TASK_DETAIL,
            this::taskIdOf, guarded(this::detail)))
        .post("/v1/" + TASK_CANCEL, (req, res) -> exchange.serve(req, res, TASK_CANCEL,
            this::taskIdOf, guarded(this::cancel)))
        .post("/v1/" + TASK_KILL, (req, res) -> exchange.serve(req, res, TASK_KILL,
            this::taskIdOf, guarded(this::kill)))
        .post("/v1/" + TOOL_DETAIL, (req, res) -> exchange.serve(req, res, TOOL_DETAIL,
            params -> null, guarded(this::toolDetail)))
        .ws("/v1", this::socket)
        .get("/files/{taskId}/{name}", (req, res) -> {
          String taskId = Objects.requireNonNullElse(req.param("taskId"), "");
          String name = Objects.requireNonNullElse(req.param("name"), "");
          return exchange.serve(req, res, FILES, params -> taskId, in -> file(taskId, name));
        })
        .route(req -> true, (req, res) -> ApiExchange.send(res,
            Reply.json(404, failure(0, "Error parsing url."))));
  }

  private static JsonNode parseBody(@Nullable String contentType, byte[] body) {
    if (Bodies.isMultipart(contentType)) {
      JsonNode form = Bodies.multipart(Objects.requireNonNull(contentType), body);
      return form.isMissingNode() && !contentType.toLowerCase(Locale.ROOT).contains("boundary=")
          ? Bodies.jsonObject(body)
          : form;
    }
    return Bodies.isJson(contentType) ? Bodies.jsonObject(body) : MissingNode.getInstance();
  }

  private static ObjectNode failure(int code, String message) {
    ObjectNode body = Json.object();
    body.put("result", false);
    ObjectNode error = body.putArray("errors").addObject();
    error.put("code", code);
    error.put("message", message);
    return body;
  }

  private static ObjectNode success() {
    ObjectNode body = Json.object();
    body.put("result", true);
    body.putArray("errors");
    return body;
  }

  private Function<Incoming, Reply> guarded(Function<Incoming, Reply> handler) {
    return guarded((in, project) -> handler.apply(in));
  }

  /** Authenticates once, then runs the handler; maps refusals to the provider's error bodies. */
  private Function<Incoming, Reply> guarded(BiFunction<Incoming, Project, Reply> handler) {
    return in -> {
      try {
        return handler.apply(in, auth.authenticate(in::header));
      } catch (Unauthorized e) {
        return Reply.json(401, failure(0, e.getMessage()));
      } catch (BusinessError e) {
        return Reply.json(200, failure(e.code, e.getMessage()));
      }
    };
  }

  /** The parameters of a call: an empty body is an empty object; an unreadable one an error. */
  private static JsonNode inputs(Incoming in) {
    if (in.params().isObject()) {
      return in.params();
    }
    if (in.body().length == 0) {
      return Json.object();
    }
    throw WiroTools.invalid("Request parameters are invalid.");
  }

  private @Nullable String taskIdOf(JsonNode params) {
    WiroTask task = lookup(params);
    return task == null ? null : task.id;
  }

  private @Nullable WiroTask lookup(JsonNode params) {
    String id = WiroTask.text(params.get("taskid"));
    if (id != null && !id.isEmpty()) {
      return tasks.get(id);
    }
    for (String field : List.of("tasktoken", "socketaccesstoken")) {
      String token = WiroTask.text(params.get(field));
      if (token != null && !token.isEmpty()) {
        return tokens.get(token);
      }
    }
    return null;
  }

  private WiroTask namedTask(Incoming in) {
    JsonNode params = inputs(in);
    boolean named = List.of("taskid", "tasktoken", "socketaccesstoken").stream()
        .map(field -> WiroTask.text(params.get(field)))
        .anyMatch(value -> value != null && !value.isEmpty());
    if (!named) {
      throw WiroTools.invalid("taskid or socketaccesstoken is required");
    }
    WiroTask task = lookup(params);
    if (task == null) {
      throw new BusinessError(1, "There is no task yet.");
    }
    return task;
  }

  private Reply run(String slug, Incoming in, Project project) {
    Tool tool = tools.get(slug);
    if (tool == null) {
      throw new BusinessError(1, "slug-owner-project-not-exist");
    }
    JsonNode inputs = inputs(in);
    Render render = tool.validate(inputs);
    WiroTask task;
    synchronized (runLock) {
      RunRejection rejecting = rejection;
      if (rejecting != null
          && Seeds.unit(seed, "reject-run", rejectionDraws.getAndIncrement()) < rejecting.share()) {
        throw new BusinessError(rejecting.code(), rejectionMessage(rejecting.code()));
      }
      if (concurrencyLimit != UNLIMITED && activeTasks() >= concurrencyLimit) {
        throw new BusinessError(96, rejectionMessage(96));
      }
      task = register(tool, project, inputs);
    }
    core.journal().countCall(in.endpoint(), task.id);
    schedule(task, render);
    ObjectNode reply = success();
    reply.put("taskid", task.id);
    reply.put("socketaccesstoken", task.token);
    return Reply.json(200, reply);
  }

  private String rejectionMessage(int code) {
    switch (code) {
      case 96:
        int limit = concurrencyLimit == UNLIMITED ? 1 : concurrencyLimit;
        return "You have reached your concurrent task limit. With your current balance of $5.00, you can "
            + "run up to " + limit + " tasks at the same time. Add funds to increase your limit.";
      case 97:
        return "Insufficient balance";
      default:
        return "sign in to run this model";
    }
  }

  private long activeTasks() {
    return tasks.values().stream().filter(task -> !task.status().terminal()).count();
  }

  private WiroTask register(Tool tool, Project project, JsonNode inputs) {
    long ordinal = ordinals.getAndIncrement();
    String id;
    long attempt = 0;
    do {
      id = Long.toString(FIRST_ID + Seeds.random(idSalt, "task-id", ordinal + (attempt++ << 40)).nextInt(ID_RANGE));
    } while (tasks.containsKey(id));
    SplittableRandom random = Seeds.random(idSalt, "task-uuid", ordinal);
    String uuid = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    String token;
    attempt = 0;
    do {
      token = Seeds.alphanumeric(idSalt, "task-token", ordinal + (attempt++ << 40), 30);
    } while (tokens.containsKey(token));
    WiroTask task = new WiroTask(id, ordinal, uuid, token, tool, project.projectId(), inputs);
    tasks.put(id, task);
    tokens.put(token, task);
    taskOrder.add(id);
    return task;
  }

  private Reply detail(Incoming in) {
    WiroTask task = namedTask(in);
    ObjectNode reply = success();
    reply.put("total", "1");
    reply.putArray("tasklist").add(task.toJson());
    return Reply.json(200, reply);
  }

  private Reply cancel(Incoming in) {
    WiroTask task = namedTask(in);
    if (!task.status().queued() || !task.cancel()) {
      throw new BusinessError(1, "Task is not in a cancellable state.");
    }
    return taskList(task);
  }

  private Reply kill(Incoming in) {
    WiroTask task = namedTask(in);
    WiroStatus status = task.status();
    if (status.queued()) {
      throw new BusinessError(1, "Task could not be killed: the task is queued and not running; cancel it.");
    }
    if (!status.running() || !task.cancel()) {
      throw new BusinessError(1, "Task could not be killed: the task has already ended.");
    }
    return taskList(task);
  }

  private static Reply taskList(WiroTask task) {
    ObjectNode reply = success();
    reply.putArray("tasklist").add(task.toJson());
    return Reply.json(200, reply);
  }

  private Reply toolDetail(Incoming in) {
    JsonNode params = inputs(in);
    String owner = WiroTools.text(params, "slugowner");
    if (owner == null || owner.isBlank()) {
      throw WiroTools.invalid("Request parameter [slugowner] required");
    }
    String project = WiroTools.text(params, "slugproject");
    if (project == null || project.isBlank()) {
      throw WiroTools.invalid("Request parameter [slugproject] required");
    }
    Tool tool = tools.get(owner + "/" + project);
    if (tool == null) {
      throw new BusinessError(1, "slug-owner-project-not-exist");
    }
    ObjectNode reply = success();
    reply.putArray("tool").add(tool.detail());
    return Reply.json(200, reply);
  }

  private Reply file(String taskId, String name) {
    return core.files().get(taskId + "/" + name)
        .map(file -> Reply.bytes(200, file.contentType(), file.bytes()))
        .orElseGet(() -> Reply.json(404, failure(1, "File not found.")));
  }

  /** One step of a task's script: applies a change, {@code false} if the task had already ended. */
  private interface Step extends Function<WiroTask, Mono<Boolean>> {
  }

  /** A lifecycle change, whose frame's {@code message} is {@code null}. */
  private static Step status(WiroStatus status) {
    return task -> Mono.fromSupplier(() -> task.transition(status, NullNode.getInstance()));
  }

  private static Step now(Function<WiroTask, Boolean> change) {
    return task -> Mono.fromSupplier(() -> change.apply(task));
  }

  private List<Step> script(boolean fails, Render render) {
    List<Step> steps = new ArrayList<>();
    steps.add(status(WiroStatus.TASK_ACCEPT));
    steps.add(status(WiroStatus.TASK_PREPROCESS_START));
    steps.add(status(WiroStatus.TASK_PREPROCESS_END));
    steps.add(status(WiroStatus.TASK_ASSIGN));
    steps.add(status(WiroStatus.TASK_START));
    steps.add(now(task -> task.stdout("Loading model weights and LoRA")));
    steps.add(now(task -> task.progress(progress(render.steps() / 2, render.steps()))));
    if (fails) {
      steps.add(now(task -> task.stderr("RuntimeError: CUDA out of memory (simulated failure)")));
      steps.add(now(WiroTask::outputFull));
      steps.add(now(WiroTask::errorFull));
    } else {
      steps.add(now(task -> task.progress(Json.string(Json.write(progress(render.steps(), render.steps()))))));
      steps.add(now(WiroTask::outputFull));
    }
    steps.add(status(WiroStatus.TASK_END));
    steps.add(status(WiroStatus.TASK_POSTPROCESS_START));
    if (fails) {
      steps.add(now(task -> task.end("1", Json.array(), 0)));
    } else {
      steps.add(task -> Mono.fromCallable(() -> renderOutputs(task, render))
          .subscribeOn(Schedulers.boundedElastic())
          .map(outputs -> publish(task, outputs)));
    }
    return steps;
  }

  private static ObjectNode progress(int current, int total) {
    ObjectNode progress = Json.object();
    progress.put("type", "progressGenerate");
    progress.put("task", "Generating");
    progress.put("speed", "2.50");
    progress.put("speedType", "it/s");
    progress.put("percentage", Integer.toString(total == 0 ? 100 : current * 100 / total));
    progress.put("stepCurrent", Integer.toString(current));
    progress.put("stepTotal", Integer.toString(total));
    return progress;
  }

  private boolean failsBeforeStart(long ordinal) {
    return preExecutionFailureRate > 0 && Seeds.unit(seed, "pre-execution-failure", ordinal) < preExecutionFailureRate;
  }

  private void schedule(WiroTask task, Render render) {
    Duration queue = timing.queueTime(task.ordinal);
    Duration run = timing.runTime(task.ordinal);
    List<Step> steps = failsBeforeStart(task.ordinal)
        ? List.of(now(t -> t.failBeforeStart(PRE_EXECUTION_ERROR)))
        : script(timing.fails(task.ordinal), render);
    int spans = Math.max(1, steps.size() - 1);
    task.timers.add(Flux.range(0, steps.size())
        .concatMap(i -> {
          Duration at = queue.plus(run.multipliedBy(i).dividedBy(spans));
          Duration wait = at.minusNanos(System.nanoTime() - task.createdNanos);
          return Mono.delay(wait.isNegative() ? Duration.ZERO : wait, Schedulers.parallel())
              .then(steps.get(i).apply(task));
        })
        .takeWhile(Boolean::booleanValue)
        .onErrorResume(e -> {
          LOG.warn("task {} failed to produce its outputs", task.id, e);
          return Mono.fromSupplier(() -> task.end("1", Json.array(), 0));
        })
        .subscribe());
  }

  private record Rendered(String path, StoredFile file) {
  }

  private List<Rendered> renderOutputs(WiroTask task, Render render) {
    List<Rendered> outputs = new ArrayList<>();
    for (int i = 0; i < render.samples(); i++) {
      byte[] png = core.renderer().png(render.width(), render.height(), render.caption(),
          "steps " + render.steps() + ", sample " + i);
      outputs.add(new Rendered(task.id + "/" + i + ".png", new StoredFile(png, "image/png")));
    }
    return outputs;
  }

  private boolean publish(WiroTask task, List<Rendered> rendered) {
    ArrayNode outputs = Json.array();
    long bytes = 0;
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < rendered.size(); i++) {
      Rendered output = rendered.get(i);
      core.files().put(output.path(), output.file());
      ObjectNode entry = outputs.addObject();
      entry.put("id", Seeds.hex(idSalt, "output-id:" + task.id, i, 32));
      entry.put("name", i + ".png");
      entry.put("contenttype", output.file().contentType());
      entry.put("parentid", Seeds.hex(idSalt, "output-parent", task.ordinal, 32));
      entry.put("uuid", task.uuid);
      entry.put("size", Integer.toString(output.file().bytes().length));
      entry.put("addedtime", Long.toString(now));
      entry.put("modifiedtime", Long.toString(now));
      entry.put("accesskey", Seeds.alphanumeric(idSalt, "output-key:" + task.id, i, 30));
      entry.put("foldercount", "0");
      entry.put("filecount", "0");
      entry.put("ispublic", 0);
      entry.putNull("expiretime");
      entry.put("url", core.uri("http", "/files/" + output.path()).toString());
      bytes += output.file().bytes().length;
    }
    boolean ended = task.end("0", outputs, bytes);
    if (!ended) {
      rendered.forEach(output -> core.files().remove(output.path()));
    }
    return ended;
  }

  /**
   * Serves one socket. The inbound side stays subscribed for the socket's whole life (cancelling
   * it would make Reactor Netty close the socket at once); only its first text frame counts.
   */
  private Publisher<Void> socket(WebsocketInbound in, WebsocketOutbound out) {
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
    core.journal().record(new RecordedRequest(SOCKET, "WS", "/v1", headers, text, params, null));
    String token = "task_info".equals(WiroTask.text(params.get("type")))
        ? WiroTask.text(params.get("tasktoken"))
        : null;
    WiroTask task = token == null ? null : tokens.get(token);
    if (task == null) {
      ObjectNode error = Json.object();
      error.put("type", "task_info");
      error.put("result", false);
      error.put("message", "There is no task yet.");
      return out.sendString(Mono.just(Json.write(error))).then()
          .then(out.sendClose(1008, "unknown task token"));
    }
    core.journal().countCall(SOCKET, task.id);
    int limit = socketFrameLimit;
    AtomicBoolean ended = new AtomicBoolean();
    Flux<WiroTask.Frame> frames = task.framesFromNow();
    if (limit != UNLIMITED) {
      frames = frames.take(limit);
    }
    return out.sendString(frames.doOnNext(frame -> ended.set(frame.last())).map(frame -> frameText(task, frame)))
        .then()
        .then(Mono.defer(() -> ended.get()
            ? out.sendClose(1000, "task ended")
            : out.sendClose(1001, "closed early by the simulator")));
  }

  private String frameText(WiroTask task, WiroTask.Frame frame) {
    if (!echoCredentials) {
      return frame.text();
    }
    JsonNode parsed = Json.parse(frame.text());
    if (parsed == null) {
      return frame.text();
    }
    List<String> values = new ArrayList<>(echoed(auth.keyOf(task.projectId).orElse(null), true, null));
    values.add(task.token);
    return Json.write(Echo.into(parsed, values, ECHO_KEPT));
  }

  /**
   * Runs a simulator until the process is killed. The port comes from the first argument, else
   * the system property {@code lora4j.wiro.port}, else an ephemeral port. Prints the URLs and the
   * accepted credentials.
   *
   * @param args optionally the port
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("lora4j.wiro.port", 0);
    WiroSimulator simulator = builder().port(port).build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "wiro-simulator-shutdown"));
    System.out.println("Wiro simulator listening at " + simulator.baseUrl());
    System.out.println("  WIRO_BASE_URL=" + simulator.baseUrl());
    System.out.println("  WIRO_SOCKET_URL=" + simulator.socketUrl());
    System.out.println("  WIRO_API_KEY=" + DEFAULT_API_KEY);
    System.out.println("  WIRO_API_SECRET=" + DEFAULT_API_SECRET);
    simulator.core.awaitClose();
  }

  @Override
  public String toString() {
    return "WiroSimulator[tasks=" + taskOrder.size() + ", tools=" + tools.keySet() + "]";
  }

  /**
   * Builds a {@link WiroSimulator}; each setter validates its argument at once.
   */
  public static final class Builder {
    private int port;
    private final Map<String, @Nullable String> projects = new LinkedHashMap<>();
    private boolean rejectReusedNonces;
    private final List<String> tools = new ArrayList<>();
    private Duration minQueue = Duration.ofMillis(100);
    private Duration maxQueue = Duration.ofMillis(100);
    private Duration minRun = Duration.ofMillis(400);
    private Duration maxRun = Duration.ofMillis(400);
    private double failureRate;
    private double preExecutionFailureRate;
    private long seed;
    private FaultPlan faults = FaultPlan.none();
    private @Nullable RunRejection rejection;
    private int concurrencyLimit = UNLIMITED;
    private int socketFrameLimit = UNLIMITED;
    private boolean echoCredentials;

    private Builder() {
    }

    /**
     * Echoes credentials in every answer and socket frame; see {@link
     * WiroSimulator#echoCredentials(boolean)}.
     *
     * @param echo {@code true} to echo; default {@code false}
     * @return this builder
     */
    public Builder echoCredentials(boolean echo) {
      this.echoCredentials = echo;
      return this;
    }

    /**
     * Sets the port to bind on {@code 127.0.0.1}.
     *
     * @param port 0 (the default) for an ephemeral port, else 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Adds a project that requires signatures. Once any project is added, the default project is
     * no longer accepted.
     *
     * @param apiKey the API key; not blank
     * @param apiSecret the API secret; not blank
     * @return this builder
     * @throws IllegalArgumentException if a value is blank or the key is already configured
     */
    public Builder signatureProject(String apiKey, String apiSecret) {
      Objects.requireNonNull(apiSecret, "apiSecret");
      if (apiSecret.isBlank()) {
        throw new IllegalArgumentException("apiSecret must not be blank");
      }
      return project(apiKey, apiSecret);
    }

    /**
     * Adds a project set to "API key only": {@code x-api-key} alone authenticates, signature
     * headers are ignored. Once any project is added, the default project is no longer
     * accepted.
     *
     * @param apiKey the API key; not blank
     * @return this builder
     * @throws IllegalArgumentException if blank or already configured
     */
    public Builder keyOnlyProject(String apiKey) {
      return project(apiKey, null);
    }

    private Builder project(String apiKey, @Nullable String apiSecret) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      if (projects.containsKey(apiKey)) {
        throw new IllegalArgumentException("a project with this apiKey is already configured");
      }
      projects.put(apiKey, apiSecret);
      return this;
    }

    /**
     * Rejects a signed request whose nonce was already used with the same key (401, code 0,
     * "Nonce has already been used.").
     *
     * @param reject {@code true} to reject; default {@code false}
     * @return this builder
     */
    public Builder rejectReusedNonces(boolean reject) {
      this.rejectReusedNonces = reject;
      return this;
    }

    /**
     * Serves another tool, which accepts any inputs and renders one 256 x 256 PNG.
     *
     * @param slug {@code owner/tool}, such as {@code "acme/echo"}
     * @return this builder
     * @throws IllegalArgumentException if not of the form {@code owner/tool}, or already served
     */
    public Builder tool(String slug) {
      Objects.requireNonNull(slug, "slug");
      if (!slug.matches("[^/\\s]+/[^/\\s]+")) {
        throw new IllegalArgumentException("tool must be 'owner/tool', was '" + slug + "'");
      }
      if (slug.equals(FLUX_LORA_FAST) || tools.contains(slug)) {
        throw new IllegalArgumentException("tool is already served, was '" + slug + "'");
      }
      tools.add(slug);
      return this;
    }

    /**
     * Sets a fixed time tasks stay in task_queue.
     *
     * @param queueTime not negative; zero is allowed
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder queueTime(Duration queueTime) {
      return queueTime(queueTime, queueTime);
    }

    /**
     * Sets bounds for the time tasks stay queued; each task draws uniformly from them, from the
     * seed.
     *
     * @param min not negative
     * @param max not less than {@code min}
     * @return this builder
     * @throws IllegalArgumentException if negative or {@code min > max}
     */
    public Builder queueTime(Duration min, Duration max) {
      TaskTiming.check("queueTime", min, max);
      this.minQueue = min;
      this.maxQueue = max;
      return this;
    }

    /**
     * Sets a fixed time from task_accept to task_postprocess_end.
     *
     * @param runTime not negative; zero is allowed
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder runTime(Duration runTime) {
      return runTime(runTime, runTime);
    }

    /**
     * Sets bounds for the run time; each task draws uniformly from them, from the seed.
     *
     * @param min not negative
     * @param max not less than {@code min}
     * @return this builder
     * @throws IllegalArgumentException if negative or {@code min > max}
     */
    public Builder runTime(Duration min, Duration max) {
      TaskTiming.check("runTime", min, max);
      this.minRun = min;
      this.maxRun = max;
      return this;
    }

    /**
     * Sets the share of tasks that end with a non-zero {@code pexit}; which ones is drawn from
     * the seed and the task's creation order.
     *
     * @param failureRate 0.0 (the default) to 1.0
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder failureRate(double failureRate) {
      if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
        throw new IllegalArgumentException("failureRate must be between 0.0 and 1.0, was " + failureRate);
      }
      this.failureRate = failureRate;
      return this;
    }

    /**
     * Sets the share of tasks that fail before the model runs: after the queue time such a task
     * moves to the status task_error (as {@code Task/Detail} reports a pre-execution failure) with
     * {@code debugerror} {@link WiroSimulator#PRE_EXECUTION_ERROR}, and never starts. Which ones is
     * drawn from the seed and the task's creation order; such a task is never also one of the
     * {@link #failureRate(double)}'s.
     *
     * @param share 0.0 (the default) to 1.0
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder preExecutionFailureRate(double share) {
      if (!(share >= 0.0 && share <= 1.0)) {
        throw new IllegalArgumentException("preExecutionFailureRate must be between 0.0 and 1.0, was " + share);
      }
      this.preExecutionFailureRate = share;
      return this;
    }

    /**
     * Sets the seed of drawn durations, failures and run rejections. Task ids, uuids, socket tokens
     * and output ids do not depend on it: they are unique across simulator instances and runs.
     *
     * @param seed any value; default 0
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the initial fault plan.
     *
     * @param plan the plan; default {@link FaultPlan#none()}
     * @return this builder
     */
    public Builder faults(FaultPlan plan) {
      this.faults = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /**
     * Answers a share of valid runs with a business error instead of starting a task; see
     * {@link WiroSimulator#rejectRuns(int, double)}.
     *
     * @param code 96, 97 or 98
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code code} or {@code share} is out of range
     */
    public Builder rejectRuns(int code, double share) {
      this.rejection = checkedRejection(code, share);
      return this;
    }

    /**
     * Answers a run with code 96 while this many tasks have not ended.
     *
     * @param maxActiveTasks at least 1; default unlimited
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder concurrencyLimit(int maxActiveTasks) {
      if (maxActiveTasks < 1) {
        throw new IllegalArgumentException("concurrencyLimit must be at least 1, was " + maxActiveTasks);
      }
      this.concurrencyLimit = maxActiveTasks;
      return this;
    }

    /**
     * Closes WebSocket subscriptions (status 1001) after this many frames; see
     * {@link WiroSimulator#closeSocketsAfter(int)}.
     *
     * @param frames 0 or more; default unlimited
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder closeSocketsAfter(int frames) {
      this.socketFrameLimit = checkedFrameLimit(frames);
      return this;
    }

    /**
     * Builds the simulator, not yet started.
     *
     * @return the simulator; call {@link WiroSimulator#start()}
     */
    public WiroSimulator build() {
      return new WiroSimulator(this);
    }

    static RunRejection checkedRejection(int code, double share) {
      if (code < 96 || code > 98) {
        throw new IllegalArgumentException("code must be 96, 97 or 98, was " + code);
      }
      if (!(share >= 0.0 && share <= 1.0)) {
        throw new IllegalArgumentException("share must be between 0.0 and 1.0, was " + share);
      }
      return new RunRejection(code, share);
    }

    static int checkedFrameLimit(int frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("frames must not be negative, was " + frames);
      }
      return frames;
    }
  }
}
