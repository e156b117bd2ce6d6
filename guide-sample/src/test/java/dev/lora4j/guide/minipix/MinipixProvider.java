package dev.lora4j.guide.minipix;

import dev.lora4j.ProtocolException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.spi.HttpTaskProvider;
import dev.lora4j.spi.OutputUrls;
import dev.lora4j.spi.RequestMapping;
import dev.lora4j.spi.http.HttpErrorMapper;
import dev.lora4j.spi.http.ProviderHttpClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Minipix's three calls, one attempt each: {@code POST jobs} submits, {@code GET jobs/{id}} reads,
 * {@code DELETE jobs/{id}} cancels. Downloads and closing come from {@link HttpTaskProvider}.
 */
final class MinipixProvider extends HttpTaskProvider {

  /** The side Minipix draws when the request names none. */
  static final int DEFAULT_SIZE = 512;

  private static final RequestMapping<MinipixSketch> REQUESTS =
      RequestMapping.builder(MinipixProviderFactory.NAME, MinipixSketch.class)
          .on(MinipixSketch.class, sketch -> sketch)
          .on(TextToImage.class, MinipixProvider::sketch)
          .build();

  private final HttpErrorMapper errors;
  private final HttpErrorMapper taskErrors;

  MinipixProvider(ProviderHttpClient http, String credentialsHint) {
    super(http);
    this.errors = http.errorMapper().onAuthenticationFailure(credentialsHint);
    this.taskErrors = errors.onStatus(404,
        f -> new TaskNotFoundException(f.message(), f.statusCode(), f.providerMessage()));
  }

  @Override
  public Mono<TaskHandle> submit(TaskRequest request) {
    return Mono.defer(() -> {
      MinipixSketch sketch = REQUESTS.map(request);
      ObjectNode body = ProviderHttpClient.json().createObjectNode()
          .put("prompt", sketch.prompt())
          .put("style", sketch.style())
          .put("width", sketch.size())
          .put("height", sketch.size());
      return http.postJson("jobs", body, errors)
          .map(answer -> TaskHandle.of(MinipixProviderFactory.NAME, text(job(answer), "id")));
    });
  }

  @Override
  public Mono<TaskUpdate> fetch(TaskHandle handle) {
    return Mono.defer(() -> http.getJson(jobPath(handle), taskErrors))
        .map(answer -> update(handle, job(answer)));
  }

  @Override
  public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
    return Mono.defer(() -> http.deleteJson(jobPath(handle), taskErrors)).then();
  }

  /**
   * Minipix draws squares in a named style: the neutral request's LoRA names the style, its width
   * (or height) the side. What Minipix cannot do at all is refused as unsupported; a side outside
   * its documented range as invalid.
   */
  private static MinipixSketch sketch(TextToImage t) {
    if (t.samples().orElse(1) != 1) {
      throw new UnsupportedRequestException(
          "minipix makes one image per job; samples must be 1, was " + t.samples().getAsInt());
    }
    refuseIfSet("steps", t.steps().isPresent());
    refuseIfSet("guidance", t.guidance().isPresent());
    refuseIfSet("seed", t.seed().isPresent());
    int width = t.width().orElse(t.height().orElse(DEFAULT_SIZE));
    int height = t.height().orElse(width);
    if (width != height) {
      throw new UnsupportedRequestException(
          "minipix makes square images; width and height must be equal, were " + width + " and " + height);
    }
    return new MinipixSketch(t.prompt(), t.lora(), MinipixSketch.SIZE.check("width", width));
  }

  private static void refuseIfSet(String field, boolean set) {
    if (set) {
      throw new UnsupportedRequestException("minipix has no " + field + " parameter; leave " + field + " unset");
    }
  }

  private static TaskUpdate update(TaskHandle handle, JsonNode job) {
    String state = text(job, "state");
    TaskStatus status = switch (state) {
      case "queued" -> TaskStatus.WAITING;
      case "running" -> TaskStatus.RUNNING;
      case "done" -> TaskStatus.FINISHED;
      case "error" -> TaskStatus.FAILED;
      case "canceled" -> TaskStatus.CANCELED;
      default -> throw new ProtocolException(
          "minipix answered an unknown state '" + state + "' for job " + handle.id(), null);
    };
    TaskUpdate.Builder update = TaskUpdate.builder(handle, status).providerStatus(state);
    if (status.isTerminal()) {
      TaskResult.Builder result = TaskResult.builder(handle, status).raw(job.toString());
      for (JsonNode image : job.path("images")) {
        OutputUrls.parse(MinipixProviderFactory.NAME, handle.id(), "images.url", image.path("url").asString(null))
            .ifPresent(url -> result.output(TaskOutput.of(url, "image/png", null, image.path("bytes").asLong(-1))));
      }
      if (job.hasNonNull("credits")) {
        result.detail(MinipixDetails.CREDITS, job.get("credits").asInt());
      }
      if (job.hasNonNull("error")) {
        result.error(job.get("error").asString());
      }
      update.result(result.build());
    }
    return update.build();
  }

  /** The job's resource; the id is encoded, so whatever it holds it names this one job. */
  private static String jobPath(TaskHandle handle) {
    return "jobs/" + ProviderHttpClient.encodePathSegment(handle.id());
  }

  private static JsonNode job(JsonNode answer) {
    JsonNode job = answer.path("job");
    if (!job.isObject()) {
      throw new ProtocolException("minipix answered without a job object", null);
    }
    return job;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.asString().isBlank()) {
      throw new ProtocolException("minipix answered without the field '" + field + "'", null);
    }
    return value.asString();
  }
}
