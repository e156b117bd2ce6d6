package dev.lora4j.xalora;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.WatchOptions;
import dev.lora4j.spi.ProviderFacade;
import dev.lora4j.spi.ProviderFacades;
import dev.lora4j.xalora.internal.XaloraCodec;
import dev.lora4j.xalora.internal.XaloraProvider;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The seed Node.js SDK's four workflow functions, as reactive calls on the lora4j core: {@link
 * #executeWorkflow}, {@link #queryTaskResult}, {@link #executeWorkflowAndWaitForResult} and {@link
 * #cancelTask}. They share the core's retries, state machine and cancel-on-timeout, and unlike the
 * Node.js SDK stop on {@code canceled} as well.
 *
 * <pre>{@code
 * try (XaloraWorkflows workflows = XaloraWorkflows.create()) {
 *   WorkflowTaskResult r = workflows.executeWorkflowAndWaitForResult(
 *           FluxLoraTask.of("A photo of GECKO ...", "gecko"), Duration.ofMinutes(10), Duration.ofSeconds(3))
 *       .block();
 *   System.out.println(r.result().orElseThrow());
 * }
 * }</pre>
 */
public final class XaloraWorkflows extends ProviderFacade {

  /** The seed's default wait: 5 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** The seed's default poll interval: 10 seconds. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final XaloraProvider provider;

  private XaloraWorkflows(ProviderFacades.Facade<XaloraProvider> opened) {
    super(opened.taskClient());
    this.provider = opened.provider();
  }

  /**
   * Creates the facade, configured from system properties and the environment ({@code
   * XALORA_API_KEY}, {@code XALORA_WORKFLOW_URL}).
   *
   * @return the facade; close it when done
   * @throws dev.lora4j.AuthenticationException if the credentials are missing or malformed
   */
  public static XaloraWorkflows create() {
    return create(ClientOptions.defaults());
  }

  /**
   * Creates the facade.
   *
   * @param options the options (see {@link XaloraProviderFactory} for what is read)
   * @return the facade; close it when done
   * @throws dev.lora4j.AuthenticationException if the credentials are missing or malformed
   */
  public static XaloraWorkflows create(ClientOptions options) {
    return new XaloraWorkflows(ProviderFacades.open(new XaloraProviderFactory(), XaloraProvider.class, options));
  }

  /**
   * Submits a task without waiting. Each subscription submits one task.
   *
   * @param task the task
   * @return a {@code Mono} emitting the task id, or signalling as {@link TaskClient#submit} does
   */
  public Mono<String> executeWorkflow(WorkflowTask task) {
    return taskClient().submit(Objects.requireNonNull(task, "task")).map(TaskHandle::id);
  }

  /**
   * Queries a task once (transient errors retried).
   *
   * @param taskId the task id
   * @return a {@code Mono} emitting the task's state, or signalling {@link
   *     dev.lora4j.TaskNotFoundException} for an unknown id and the other provider errors
   */
  public Mono<WorkflowTaskResult> queryTaskResult(String taskId) {
    return taskClient().status(handle(taskId)).map(WorkflowTaskResult::of);
  }

  /**
   * Submits a task and waits for it with the seed's defaults: at most {@link #DEFAULT_TIMEOUT},
   * polling every {@link #DEFAULT_INTERVAL}.
   *
   * @param task the task
   * @return as {@link #executeWorkflowAndWaitForResult(WorkflowTask, Duration, Duration)}
   */
  public Mono<WorkflowTaskResult> executeWorkflowAndWaitForResult(WorkflowTask task) {
    return executeWorkflowAndWaitForResult(task, DEFAULT_TIMEOUT, DEFAULT_INTERVAL);
  }

  /**
   * Submits a task and polls it until it is finished, failed or canceled. At most one task is
   * submitted per call. When {@code timeout} expires the task is canceled on the sequencer and
   * {@link dev.lora4j.TaskTimeoutException} is signalled.
   *
   * @param task the task
   * @param timeout how long to wait
   * @param interval how often to poll
   * @return a {@code Mono} emitting the task's final state, whatever it is ({@link
   *     WorkflowTaskResult#status()} tells), or signalling {@link dev.lora4j.TaskTimeoutException}
   *     and the submission's errors
   */
  public Mono<WorkflowTaskResult> executeWorkflowAndWaitForResult(
      WorkflowTask task, Duration timeout, Duration interval) {
    Objects.requireNonNull(task, "task");
    WatchOptions options = WatchOptions.defaults().timeout(timeout).interval(interval);
    return taskClient().runAndWatch(task, options).last().map(WorkflowTaskResult::of);
  }

  /**
   * Cancels a task (transient errors retried).
   *
   * @param taskId the task id
   * @return a {@code Mono} emitting the sequencer's answer, or signalling {@link
   *     dev.lora4j.TaskNotFoundException} for an unknown id and the other provider errors
   */
  public Mono<CancelResponse> cancelTask(String taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return ProviderFacades.retryTransient(provider.cancelTask(taskId));
  }

  private static TaskHandle handle(String taskId) {
    return TaskHandle.of(XaloraCodec.PROVIDER, Objects.requireNonNull(taskId, "taskId"));
  }
}
