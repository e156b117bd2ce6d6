package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.SimulatorCore;
import dev.lora4j.testkit.internal.TaskRegistry;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * What both simulators do the same way, written once: the life cycle, inspection, fault plan,
 * echo switch, file downloads and the command-line entry. A simulator adds its routes, the
 * snapshot of a task ({@link #task(String)}), and the client settings beyond provider and base URL.
 *
 * @param <S> the concrete simulator, which {@link #start()} returns
 */
abstract class AbstractSimulator<S extends AbstractSimulator<S>> implements Simulator {

  final SimulatorCore core;
  final ApiExchange exchange;
  private final TaskRegistry<? extends SimulatedTask> registry;
  private final String apiPath;

  /**
   * Creates the shared parts from the shared settings.
   *
   * @param name the simulator's class name, for messages
   * @param apiPath the path of the API below {@code http://127.0.0.1:PORT}, empty or from {@code '/'}
   * @param settings the builder
   * @param protocol what differs between providers on the path of a call
   * @param registry the simulator's tasks
   */
  AbstractSimulator(String name, String apiPath, SimulatorBuilder<?> settings, ApiExchange.Protocol protocol,
      TaskRegistry<? extends SimulatedTask> registry) {
    this.registry = registry;
    this.core = new SimulatorCore(name, settings.port, settings.faults);
    this.apiPath = apiPath;
    this.exchange = new ApiExchange(core.faults(), core.journal(), protocol);
    exchange.echoCredentials(settings.echoCredentials);
  }

  /** Declares the provider's routes; {@link #files} adds the downloads. */
  abstract void routes(HttpServerRoutes routes);

  /** Adds the credentials (and any other option) after {@code provider} and {@code baseUrl}. */
  abstract void connection(Map<String, String> settings);

  @SuppressWarnings("unchecked")
  @Override
  public S start() {
    core.start(this::routes);
    return (S) this;
  }

  @Override
  public URI baseUrl() {
    return core.uri("http", apiPath);
  }

  @Override
  public final Map<String, String> clientSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("provider", provider());
    settings.put("baseUrl", baseUrl().toString());
    connection(settings);
    return Collections.unmodifiableMap(settings);
  }

  @Override
  public void close() {
    if (core.close()) {
      registry.all().forEach(task -> task.timers.dispose());
    }
  }

  @Override
  public void faults(FaultPlan plan) {
    core.faults().install(Objects.requireNonNull(plan, "plan"));
  }

  @Override
  public FaultPlan faults() {
    return core.faults().plan();
  }

  @Override
  public void echoCredentials(boolean echo) {
    exchange.echoCredentials(echo);
  }

  @Override
  public long faultCount(FaultKind kind) {
    return core.faults().count(Objects.requireNonNull(kind, "kind"));
  }

  @Override
  public long faultCount(String endpoint, FaultKind kind) {
    return core.faults().count(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(kind, "kind"));
  }

  @Override
  public List<RecordedRequest> requests() {
    return core.journal().all();
  }

  @Override
  public List<RecordedRequest> requests(String endpoint) {
    return core.journal().requests(Objects.requireNonNull(endpoint, "endpoint"));
  }

  @Override
  public int calls(String endpoint, String taskId) {
    return core.journal().calls(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(taskId, "taskId"));
  }

  @Override
  public List<String> taskIds() {
    return registry.ids();
  }

  @Override
  public Optional<TaskTransitions> transitions(String taskId) {
    return Optional.ofNullable(registry.get(Objects.requireNonNull(taskId, "taskId"))).map(SimulatedTask::transitions);
  }

  @Override
  public Optional<String> status(String taskId) {
    return Optional.ofNullable(registry.get(Objects.requireNonNull(taskId, "taskId"))).map(SimulatedTask::wireStatus);
  }

  /**
   * Serves the output files, {@code GET /files/{taskId}/{name}}, recorded as {@code "files"} and
   * counted against the task.
   *
   * @param notFound the provider's answer for a file it does not have, given task id and name
   */
  final HttpServerRoutes files(HttpServerRoutes routes, BiFunction<String, String, Reply> notFound) {
    return routes.get("/files/{taskId}/{name}", (req, res) -> {
      String taskId = Objects.requireNonNullElse(req.param("taskId"), "");
      String name = Objects.requireNonNullElse(req.param("name"), "");
      return exchange.serve(req, res, FILES, params -> taskId, in -> core.files().get(taskId + "/" + name)
          .map(file -> Reply.bytes(200, file.contentType(), file.bytes()))
          .orElseGet(() -> notFound.apply(taskId, name)));
    });
  }

  /**
   * The port a {@code main} binds: the first argument, else the system property
   * {@code lora4j.<provider>.port}, else 0 for an ephemeral one.
   */
  static int port(String[] args, String provider) {
    return args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("lora4j." + provider + ".port", 0);
  }

  /**
   * Serves until the process is killed, after printing the base URL and the environment a client
   * needs, given as name, value, name, value, ...
   */
  final void serveUntilKilled(String label, String... environment) {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, provider() + "-simulator-shutdown"));
    System.out.println(label + " simulator listening at " + baseUrl());
    for (int i = 0; i + 1 < environment.length; i += 2) {
      System.out.println("  " + environment[i] + "=" + environment[i + 1]);
    }
    core.awaitClose();
  }
}
