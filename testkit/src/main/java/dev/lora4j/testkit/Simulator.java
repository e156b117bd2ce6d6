package dev.lora4j.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A local simulator of one provider's API on {@code 127.0.0.1}: what every simulator offers,
 * whichever provider it fakes. {@link XaloraSimulator} and {@link WiroSimulator} add what only their
 * provider has (endpoint constants, credentials, run knobs); {@link Simulators} starts one by
 * provider name.
 *
 * <p>An endpoint key names one endpoint or, for a key followed by {@code '/'} in the endpoint, a
 * family of them (such as Wiro's {@code "Run"} for every {@code Run/{owner}/{tool}}); each
 * simulator declares its keys as constants.
 *
 * <p>Implementations are thread-safe. Inspection methods may be called at any time, also after
 * {@link #close()}.
 */
public interface Simulator extends AutoCloseable {

  /**
   * Output file downloads, {@code GET /files/{taskId}/{name}} on the simulator's host (not below
   * the API path), as an endpoint key: {@link #calls(String, String)} counts every download of a
   * task's files.
   */
  String FILES = "files";

  /**
   * The settings every simulator's builder has; each setter validates its argument at once. The
   * defaults: ephemeral port, queue time 100 ms, run time 400 ms, failure rate 0, seed 0, no faults,
   * no echo. A simulator's own builder adds its provider's settings.
   */
  interface Builder {

    /**
     * Sets the port to bind on {@code 127.0.0.1}.
     *
     * @param port 0 (the default) for an ephemeral port, else 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    Builder port(int port);

    /**
     * Sets a fixed time tasks wait in the queue before they run.
     *
     * @param queueTime not negative; zero is allowed
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    Builder queueTime(Duration queueTime);

    /**
     * Sets bounds for the time tasks wait in the queue; each task draws uniformly from them, from
     * the seed.
     *
     * @param min not negative
     * @param max not less than {@code min}
     * @return this builder
     * @throws IllegalArgumentException if negative or {@code min > max}
     */
    Builder queueTime(Duration min, Duration max);

    /**
     * Sets a fixed time tasks run, from leaving the queue to their end.
     *
     * @param runTime not negative; zero is allowed
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    Builder runTime(Duration runTime);

    /**
     * Sets bounds for the time tasks run; each task draws uniformly from them, from the seed.
     *
     * @param min not negative
     * @param max not less than {@code min}
     * @return this builder
     * @throws IllegalArgumentException if negative or {@code min > max}
     */
    Builder runTime(Duration min, Duration max);

    /**
     * Makes each task wait in the queue for a log-normal draw: {@code median * exp(sigma * z)}
     * with {@code z} standard normal (cut at 4), reproducible from the seed and the task's
     * creation order. Replaces {@link #queueTime(Duration, Duration)}.
     *
     * @param median the median queue time, not negative
     * @param sigma the standard deviation of the logarithm, 0.0 to 10.0 (0.0: always the median)
     * @return this builder
     * @throws IllegalArgumentException if the median is negative or sigma out of range
     */
    Builder queueTimeLogNormal(Duration median, double sigma);

    /**
     * Makes each task run for a log-normal draw, as {@link #queueTimeLogNormal} does for the
     * queue. Replaces {@link #runTime(Duration, Duration)}.
     *
     * @param median the median run time, not negative
     * @param sigma the standard deviation of the logarithm, 0.0 to 10.0
     * @return this builder
     * @throws IllegalArgumentException if the median is negative or sigma out of range
     */
    Builder runTimeLogNormal(Duration median, double sigma);

    /**
     * Sets the share of tasks that run and then fail instead of producing outputs; which ones is
     * drawn from the seed and the task's creation order.
     *
     * @param failureRate 0.0 (the default) to 1.0
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    Builder failureRate(double failureRate);

    /**
     * Sets the seed of what the simulator draws: durations, failures, and what its class
     * documentation adds. Task ids and tokens do not depend on it: they are unique across
     * simulator instances and runs.
     *
     * @param seed any value; default 0
     * @return this builder
     */
    Builder seed(long seed);

    /**
     * Sets the initial fault plan.
     *
     * @param plan the plan; default {@link FaultPlan#none()}
     * @return this builder
     */
    Builder faults(FaultPlan plan);

    /**
     * Echoes the credentials of every request in its answer; see
     * {@link Simulator#echoCredentials(boolean)}.
     *
     * @param echo {@code true} to echo; default {@code false}
     * @return this builder
     */
    Builder echoCredentials(boolean echo);

    /**
     * Builds the simulator, not yet started.
     *
     * @return the simulator; call {@link Simulator#start()}
     */
    Simulator build();
  }

  /**
   * The provider name a lora4j client selects this simulator's provider with.
   *
   * @return {@code "xalora"} or {@code "wiro"}, lower case
   */
  String provider();

  /**
   * Binds the server; calling it again does nothing.
   *
   * @return this simulator
   * @throws IllegalStateException if the simulator was closed
   */
  Simulator start();

  /**
   * The base URL to point a client at, {@code http://127.0.0.1:PORT} plus the provider's API path.
   *
   * @return the base URL, without a trailing slash
   * @throws IllegalStateException if not started, or closed
   */
  URI baseUrl();

  /**
   * The lora4j client options that point a client at this simulator with credentials it accepts:
   * option names as {@code ClientOptions} and the provider's options spell them ({@code provider},
   * {@code baseUrl}, {@code apiKey}, and where the provider needs them {@code apiSecret} and
   * {@code wiro.socketUrl}), values as text. The credentials are the simulator's first accepted
   * ones; they are fake, but the map should still not be logged.
   *
   * @return an immutable map in a stable order, {@code provider} first
   * @throws IllegalStateException if not started, or closed
   */
  Map<String, String> clientSettings();

  /**
   * Every request received, in arrival order, including rejected and faulted ones.
   *
   * @return an immutable snapshot
   */
  List<RecordedRequest> requests();

  /**
   * The requests received by the endpoints a key matches, in arrival order, including rejected and
   * faulted ones, with their headers.
   *
   * @param endpoint an endpoint or endpoint key declared by the simulator
   * @return an immutable snapshot; empty for a key that matches nothing
   */
  List<RecordedRequest> requests(String endpoint);

  /**
   * How many requests to the endpoints a key matches named a task, faulted ones included: for the
   * call that creates a task 1, for the calls that name a task (query, cancel, download, socket
   * registration) every one that named it.
   *
   * @param endpoint an endpoint or endpoint key declared by the simulator
   * @param taskId the task id
   * @return the count, 0 for an unknown task
   */
  int calls(String endpoint, String taskId);

  /**
   * The ids of the tasks created, in creation order.
   *
   * @return an immutable snapshot
   */
  List<String> taskIds();

  /**
   * The current status of a task, as on the wire.
   *
   * @param taskId the task id
   * @return the provider's status text; empty for an unknown task
   */
  Optional<String> status(String taskId);

  /**
   * When a task really moved to running and to its terminal status, by the simulator's clock.
   *
   * @param taskId the task id
   * @return the times, empty for an unknown task
   */
  Optional<TaskTransitions> transitions(String taskId);

  /**
   * The current task as the provider's status call would return it, without recording a call.
   *
   * @param taskId the task id
   * @return a copy, empty for an unknown task
   */
  Optional<JsonNode> task(String taskId);

  /**
   * The fault plan in force.
   *
   * @return the plan
   */
  FaultPlan faults();

  /**
   * Replaces the fault plan at runtime; request counting for reproducibility restarts.
   *
   * @param plan the new plan, {@link FaultPlan#none()} to stop injecting
   */
  void faults(FaultPlan plan);

  /**
   * How many faults of a kind were injected since start.
   *
   * @param kind the kind
   * @return the count over all endpoints
   */
  long faultCount(FaultKind kind);

  /**
   * How many faults of a kind were injected since start into the endpoints a key matches.
   *
   * @param endpoint an endpoint or endpoint key declared by the simulator
   * @param kind the kind
   * @return the count
   */
  long faultCount(String endpoint, FaultKind kind);

  /**
   * From now on, echoes the credentials of every request in its answer, as a careless server
   * would, leaving alone what the protocol cannot do without (ids, statuses); each simulator says
   * where. For tests that check a client never shows them.
   *
   * @param echo {@code true} to echo, {@code false} (the default) to answer normally
   */
  void echoCredentials(boolean echo);

  /**
   * Stops the server, closes every connection, stops every task timer and forgets the output
   * files. Idempotent. Inspection still works afterwards.
   */
  @Override
  void close();
}
