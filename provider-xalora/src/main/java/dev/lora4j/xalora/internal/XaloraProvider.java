package dev.lora4j.xalora.internal;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.RecentValues;
import dev.lora4j.spi.HttpTaskProvider;
import dev.lora4j.spi.http.HttpErrorMapper;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.xalora.CancelResponse;
import dev.lora4j.xalora.WorkflowTask;
import java.util.Objects;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The Xalora sequencer's three calls. Credentials travel in the JSON body; a task submitted with
 * its own credentials is queried and canceled with them too, as long as this provider remembers
 * it (the last {@value #REMEMBERED_TASK_KEYS} such tasks). A handle resumed in another process
 * uses that process's credentials.
 */
public final class XaloraProvider extends HttpTaskProvider {

  private final XaloraCredentials credentials;
  private final String credentialSource;
  private final XaloraCodec codec;
  private final HttpErrorMapper createErrors;
  private final HttpErrorMapper taskErrors;
  /** How many tasks submitted with their own credentials this provider remembers the key of. */
  static final int REMEMBERED_TASK_KEYS = 10_000;

  /** API keys of tasks submitted with their own credentials, by task id, the most recent kept. */
  private final RecentValues<String, String> taskKeys = new RecentValues<>(REMEMBERED_TASK_KEYS);

  /**
   * Creates the provider.
   *
   * @param http the HTTP client, owned and closed by this provider
   * @param credentials the client's credentials
   * @param credentialSource where they came from, for error messages
   * @param codec the wire format
   */
  public XaloraProvider(
      ProviderHttpClient http, XaloraCredentials credentials, String credentialSource, XaloraCodec codec) {
    super(http);
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.credentialSource = credentialSource;
    this.codec = codec;
    this.createErrors = http.errorMapper()
        .onAuthenticationFailure("the credentials from " + credentialSource + ", or the task's own, were rejected");
    HttpErrorMapper notFound = f -> new TaskNotFoundException(f.message(), f.statusCode(), f.providerMessage());
    this.taskErrors = createErrors.onStatus(404, notFound);
  }

  @Override
  public Mono<TaskHandle> submit(TaskRequest request) {
    return Mono.defer(() -> {
      WorkflowTask task = XaloraRequests.MAPPING.map(request);
      XaloraCredentials sent = new XaloraCredentials(
          task.consumerId().orElse(credentials.consumerId()), task.apiKey().orElse(credentials.apiKey()));
      String jobId = codec.jobId(task.jobIdPrefix());
      return http.postJson("task_create", codec.createBody(task, sent, jobId), createErrors)
          .map(answer -> {
            String id = codec.taskId(answer, redactorFor(sent.apiKey()));
            if (!sent.apiKey().equals(credentials.apiKey())) {
              taskKeys.put(id, sent.apiKey());
            }
            return TaskHandle.of(XaloraCodec.PROVIDER, id);
          });
    });
  }

  @Override
  public Mono<TaskUpdate> fetch(TaskHandle handle) {
    // built once: the core resubscribes this Mono for every poll of a watch
    String key = keyFor(handle);
    Redactor redactor = redactorFor(key);
    return http.postJsonAnswer("task_result_query", codec.taskBody(handle.id(), key), taskErrors)
        .map(answer -> answer.pollHintOn(codec.update(handle, answer.body(), redactor)));
  }

  @Override
  public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
    return cancelTask(handle.id()).then();
  }

  /**
   * Cancels a task and returns the sequencer's answer.
   *
   * @param taskId the task id
   * @return a {@code Mono} emitting the answer
   */
  public Mono<CancelResponse> cancelTask(String taskId) {
    return Mono.defer(() -> http.postJson("task_cancel", codec.taskBody(taskId, keyFor(TaskHandle.of(XaloraCodec.PROVIDER, taskId))), taskErrors)
        .map(answer -> new CancelResponse(
            answer.hasNonNull("task_id") ? answer.get("task_id").asString() : taskId,
            answer.hasNonNull("msg") ? answer.get("msg").asString() : "")));
  }

  private String keyFor(TaskHandle handle) {
    String own = taskKeys.get(handle.id());
    return own != null ? own : credentials.apiKey();
  }

  /** The client's redactor, plus a task's own key when it has one. */
  private Redactor redactorFor(String apiKey) {
    return apiKey.equals(credentials.apiKey()) ? http.redactor() : http.redactor().withSecrets(List.of(apiKey));
  }

  @Override
  public String toString() {
    return "XaloraProvider{" + http.baseUrl() + ", " + credentials + " from " + credentialSource + "}";
  }
}
