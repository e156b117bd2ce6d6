package dev.lora4j.testkit;

import dev.lora4j.testkit.WiroAuth.Project;
import dev.lora4j.testkit.WiroAuth.Unauthorized;
import dev.lora4j.testkit.WiroTools.BusinessError;
import dev.lora4j.testkit.WiroTools.Render;
import dev.lora4j.testkit.WiroTools.Tool;
import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Incoming;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.RequestJournal;
import dev.lora4j.testkit.internal.Seeds;
import dev.lora4j.testkit.internal.TaskRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Wiro HTTP API over the simulator's tasks: {@code Run} with its admission knobs (run
 * rejections, concurrency limit), {@code Task/Detail}, {@code Task/Cancel}, {@code Task/Kill} and
 * {@code Tool/Detail}, each authenticated once, refusals mapped to Wiro's error bodies.
 */
final class WiroEndpoints {

  /** Task ids are numbers of eight to ten digits, below 2^31 for clients that read them as an int. */
  private static final int FIRST_ID = 10_000_000;
  private static final int ID_RANGE = 2_000_000_000;

  /** The run rejection knob: a business error code and the share of runs that get it. */
  record RunRejection(int code, double share) {

    /** Checks both values with the messages the builder and the simulator give. */
    static RunRejection checked(int code, double share) {
      if (code < 96 || code > 98) {
        throw new IllegalArgumentException("code must be 96, 97 or 98, was " + code);
      }
      if (!(share >= 0.0 && share <= 1.0)) {
        throw new IllegalArgumentException("share must be between 0.0 and 1.0, was " + share);
      }
      return new RunRejection(code, share);
    }
  }

  private final TaskRegistry<WiroTask> tasks;
  private final Map<String, WiroTask> tokens = new ConcurrentHashMap<>();
  private final Map<String, Tool> tools;
  private final WiroAuth auth;
  private final RequestJournal journal;
  private final WiroScript script;
  private final long seed;
  private final long idSalt;
  private final int concurrencyLimit;
  private final AtomicLong rejectionDraws = new AtomicLong();
  private final Object runLock = new Object();
  private volatile @Nullable RunRejection rejection;

  WiroEndpoints(TaskRegistry<WiroTask> tasks, Map<String, Tool> tools, WiroAuth auth, RequestJournal journal,
      WiroScript script, long seed, long idSalt, int concurrencyLimit, @Nullable RunRejection rejection) {
    this.tasks = tasks;
    this.tools = tools;
    this.auth = auth;
    this.journal = journal;
    this.script = script;
    this.seed = seed;
    this.idSalt = idSalt;
    this.concurrencyLimit = concurrencyLimit;
    this.rejection = rejection;
  }

  /** From now on, rejects runs as given, or none for {@code null}. */
  void rejectRuns(@Nullable RunRejection rejection) {
    this.rejection = rejection;
  }

  /** The task a socket access token names, or {@code null}. */
  @Nullable WiroTask byToken(String token) {
    return tokens.get(token);
  }

  /** Declares the API's routes below {@code /v1}. */
  HttpServerRoutes declare(HttpServerRoutes routes, ApiExchange exchange) {
    return routes.post("/v1/Run/{owner}/{tool}", (req, res) -> {
          String slug = req.param("owner") + "/" + req.param("tool");
          return exchange.serve(req, res, WiroSimulator.RUN + "/" + slug, params -> null,
              guarded((Incoming in, Project project) -> run(slug, in, project)));
        })
        .post("/v1/" + WiroSimulator.TASK_DETAIL, (req, res) -> exchange.serve(req, res, WiroSimulator.TASK_DETAIL,
            this::taskIdOf, guarded(this::detail)))
        .post("/v1/" + WiroSimulator.TASK_CANCEL, (req, res) -> exchange.serve(req, res, WiroSimulator.TASK_CANCEL,
            this::taskIdOf, guarded(this::cancel)))
        .post("/v1/" + WiroSimulator.TASK_KILL, (req, res) -> exchange.serve(req, res, WiroSimulator.TASK_KILL,
            this::taskIdOf, guarded(this::kill)))
        .post("/v1/" + WiroSimulator.TOOL_DETAIL, (req, res) -> exchange.serve(req, res, WiroSimulator.TOOL_DETAIL,
            params -> null, guarded(this::toolDetail)));
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
        return Reply.json(401, WiroProtocol.failure(0, e.getMessage()));
      } catch (BusinessError e) {
        return Reply.json(200, WiroProtocol.failure(e.code, e.getMessage()));
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
      if (concurrencyLimit != WiroSimulator.UNLIMITED && activeTasks() >= concurrencyLimit) {
        throw new BusinessError(96, rejectionMessage(96));
      }
      task = register(tool, project, inputs);
    }
    journal.countCall(in.endpoint(), task.id);
    script.schedule(task, render);
    ObjectNode reply = WiroProtocol.success();
    reply.put("taskid", task.id);
    reply.put("socketaccesstoken", task.token);
    return Reply.json(200, reply);
  }

  private String rejectionMessage(int code) {
    switch (code) {
      case 96:
        int limit = concurrencyLimit == WiroSimulator.UNLIMITED ? 1 : concurrencyLimit;
        return "You have reached your concurrent task limit. With your current balance of $5.00, you can "
            + "run up to " + limit + " tasks at the same time. Add funds to increase your limit.";
      case 97:
        return "Insufficient balance";
      default:
        return "sign in to run this model";
    }
  }

  private long activeTasks() {
    return tasks.all().stream().filter(task -> !task.status().terminal()).count();
  }

  private WiroTask register(Tool tool, Project project, JsonNode inputs) {
    long ordinal = tasks.nextOrdinal();
    String id;
    long attempt = 0;
    do {
      id = Long.toString(FIRST_ID + Seeds.random(idSalt, "task-id", ordinal + (attempt++ << 40)).nextInt(ID_RANGE));
    } while (tasks.contains(id));
    SplittableRandom random = Seeds.random(idSalt, "task-uuid", ordinal);
    String uuid = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    String token;
    attempt = 0;
    do {
      token = Seeds.alphanumeric(idSalt, "task-token", ordinal + (attempt++ << 40), 30);
    } while (tokens.containsKey(token));
    WiroTask task = new WiroTask(id, ordinal, uuid, token, tool, project.projectId(), inputs);
    tokens.put(token, task);
    tasks.add(id, task);
    return task;
  }

  private Reply detail(Incoming in) {
    WiroTask task = namedTask(in);
    ObjectNode reply = WiroProtocol.success();
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
    ObjectNode reply = WiroProtocol.success();
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
    ObjectNode reply = WiroProtocol.success();
    reply.putArray("tool").add(tool.detail());
    return Reply.json(200, reply);
  }

}
