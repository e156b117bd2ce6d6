package dev.lora4j.testkit;

import dev.lora4j.testkit.WiroAuth.Project;
import dev.lora4j.testkit.WiroEndpoints.RunRejection;
import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.Seeds;
import dev.lora4j.testkit.internal.TaskRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;

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
 * <p>Endpoint keys for inspection and faults: {@link #RUN}, {@link #TASK_DETAIL},
 * {@link #TASK_CANCEL}, {@link #TASK_KILL}, {@link #TOOL_DETAIL}, {@link #FILES} and
 * {@link #SOCKET}.
 *
 * <p>With {@link #echoCredentials(boolean)} every answer and socket frame echoes credentials, as a
 * careless server would: an HTTP answer gets the request's {@code x-api-key} and {@code
 * x-signature} and the key's project secret (only when its signature shows the caller knows it), a
 * frame the task's project key and secret and its socket token; appended to every text field, as
 * an {@code echo} query parameter of every URL, and in a top-level {@code echo} field. Ids, tokens,
 * statuses, {@code pexit} and numbers are left alone.
 *
 * <p>Not simulated: {@code callbackUrl} is recorded in the task ({@code callbackurl}) but never
 * called. Thread-safe. Inspection methods may be called at any time, also after {@link #close()}.
 */
public final class WiroSimulator extends AbstractSimulator<WiroSimulator> {

  /** The provider name, {@value}. */
  public static final String PROVIDER = "wiro";

  /**
   * Every {@code Run/{owner}/{tool}} endpoint, as a key for inspection and faults (one tool's is
   * {@code "Run/" + slug}). For {@link #calls(String, String)} it counts 1 for the run that created
   * the task.
   */
  public static final String RUN = "Run";

  /**
   * The {@code Task/Detail} endpoint. For {@link #calls(String, String)} it counts every request
   * naming the task by id or token, faulted ones included; a {@linkplain #task(String) task
   * snapshot} is the task object it lists.
   */
  public static final String TASK_DETAIL = "Task/Detail";

  /** The {@code Task/Cancel} endpoint, counted as {@link #TASK_DETAIL} is. */
  public static final String TASK_CANCEL = "Task/Cancel";

  /** The {@code Task/Kill} endpoint, counted as {@link #TASK_DETAIL} is. */
  public static final String TASK_KILL = "Task/Kill";

  /** The {@code Tool/Detail} endpoint. */
  public static final String TOOL_DETAIL = "Tool/Detail";

  /**
   * WebSocket registrations, recorded as requests with method {@code "WS"}; for
   * {@link #calls(String, String)} every registration of the task's token. Faults never apply to
   * the WebSocket.
   */
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

  /** No limit, for the concurrency limit and the socket frame limit. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  private final TaskRegistry<WiroTask> tasks;
  private final Project firstProject;
  private final List<String> toolSlugs;
  private final WiroEndpoints endpoints;
  private final WiroSocket socket;

  private WiroSimulator(Builder builder) {
    this(builder, new WiroProtocol(new WiroAuth(projects(builder), builder.rejectReusedNonces)), new TaskRegistry<>());
  }

  private WiroSimulator(Builder builder, WiroProtocol protocol, TaskRegistry<WiroTask> tasks) {
    super("WiroSimulator", "/v1", builder, protocol, tasks);
    this.tasks = tasks;
    long idSalt = Seeds.salt();
    this.firstProject = projects(builder).get(0);
    Map<String, WiroTools.Tool> tools = WiroTools.catalogue(builder.tools);
    this.toolSlugs = List.copyOf(tools.keySet());
    WiroScript script = new WiroScript(core, builder.timing(), builder.seed, builder.preExecutionFailureRate, idSalt);
    this.endpoints = new WiroEndpoints(tasks, tools, protocol.auth(), core.journal(), script, builder.seed, idSalt,
        builder.concurrencyLimit, builder.rejection);
    this.socket = new WiroSocket(core.journal(), endpoints, protocol, exchange::echoesCredentials,
        builder.socketFrameLimit);
  }

  /** The configured projects, or the default one; project ids 699, 700, ... in order. */
  private static List<Project> projects(Builder builder) {
    List<Map.Entry<String, @Nullable String>> configured = builder.projects.isEmpty()
        ? List.of(Map.entry(DEFAULT_API_KEY, DEFAULT_API_SECRET))
        : new ArrayList<>(builder.projects.entrySet());
    List<Project> projects = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      Map.Entry<String, @Nullable String> project = configured.get(i);
      projects.add(new Project(project.getKey(), project.getValue(), Integer.toString(699 + i)));
    }
    return projects;
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
   * {@inheritDoc}
   *
   * @return {@value #PROVIDER}
   */
  @Override
  public String provider() {
    return PROVIDER;
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
   * Adds {@code apiKey} of the first project, its {@code apiSecret} for a signature project, and
   * {@code wiro.socketUrl}.
   */
  @Override
  void connection(Map<String, String> settings) {
    settings.put("apiKey", firstProject.apiKey());
    String secret = firstProject.apiSecret();
    if (secret != null) {
      settings.put("apiSecret", secret);
    }
    settings.put("wiro.socketUrl", socketUrl().toString());
  }

  @Override
  public Optional<JsonNode> task(String taskId) {
    return Optional.ofNullable(tasks.get(Objects.requireNonNull(taskId, "taskId"))).map(WiroTask::toJson);
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
    endpoints.rejectRuns(RunRejection.checked(code, share));
  }

  /** From now on, accepts every valid run again (the concurrency limit still applies). */
  public void acceptRuns() {
    endpoints.rejectRuns(null);
  }

  /**
   * From now on, new WebSocket subscriptions are closed (status 1001) after this many frames,
   * terminal frame or not, so that a client has to fall back to polling.
   *
   * @param frames 0 or more
   * @throws IllegalArgumentException if negative
   */
  public void closeSocketsAfter(int frames) {
    socket.closeAfter(Builder.checkedFrameLimit(frames));
  }

  /** From now on, new WebSocket subscriptions stay open until the task ends. */
  public void keepSocketsOpen() {
    socket.closeAfter(UNLIMITED);
  }

  @Override
  void routes(HttpServerRoutes routes) {
    endpoints.declare(files(routes, (taskId, name) -> Reply.json(404, WiroProtocol.failure(1, "File not found."))),
            exchange)
        .ws("/v1", socket::serve)
        .route(req -> true, (req, res) -> ApiExchange.send(res,
            Reply.json(404, WiroProtocol.failure(0, "Error parsing url."))));
  }

  /**
   * Runs a simulator until the process is killed. The port comes from the first argument, else
   * the system property {@code lora4j.wiro.port}, else an ephemeral port. Prints the URLs and the
   * accepted credentials.
   *
   * @param args optionally the port
   */
  public static void main(String[] args) {
    WiroSimulator simulator = builder().port(port(args, PROVIDER)).build().start();
    simulator.serveUntilKilled("Wiro", "WIRO_BASE_URL", simulator.baseUrl().toString(),
        "WIRO_SOCKET_URL", simulator.socketUrl().toString(),
        "WIRO_API_KEY", DEFAULT_API_KEY, "WIRO_API_SECRET", DEFAULT_API_SECRET);
  }

  @Override
  public String toString() {
    return "WiroSimulator[tasks=" + tasks.size() + ", tools=" + toolSlugs + "]";
  }

  /**
   * Builds a {@link WiroSimulator}: the settings every simulator has, and Wiro's projects, tools,
   * pre-execution failures, run rejections, concurrency limit and socket closing. The run time
   * spans task_accept to task_postprocess_end; a task that fails by the failure rate ends with a
   * non-zero {@code pexit}; the seed also draws pre-execution failures and run rejections. Each
   * setter validates its argument at once.
   */
  public static final class Builder extends SimulatorBuilder<Builder> {
    private final Map<String, @Nullable String> projects = new LinkedHashMap<>();
    private boolean rejectReusedNonces;
    private final List<String> tools = new ArrayList<>();
    private double preExecutionFailureRate;
    private @Nullable RunRejection rejection;
    private int concurrencyLimit = UNLIMITED;
    private int socketFrameLimit = UNLIMITED;

    private Builder() {
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
      this.preExecutionFailureRate = checkedShare("preExecutionFailureRate", share);
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
      this.rejection = RunRejection.checked(code, share);
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

    @Override
    public WiroSimulator build() {
      return new WiroSimulator(this);
    }

    static int checkedFrameLimit(int frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("frames must not be negative, was " + frames);
      }
      return frames;
    }
  }
}
