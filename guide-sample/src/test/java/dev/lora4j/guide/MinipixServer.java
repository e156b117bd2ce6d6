package dev.lora4j.guide;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Minipix API of the guide, over real HTTP on loopback, REST style: {@code POST /v1/jobs}
 * creates a job, {@code GET /v1/jobs/{id}} reads it, {@code DELETE /v1/jobs/{id}} cancels it (both
 * refuse a request with a body), and {@code GET /files/{id}.png} serves a finished job's PNG. Every
 * {@code /v1} call needs the header {@code X-Api-Key}. Jobs move only when the test says so ({@link
 * #advance}, {@link #fail}), so nothing depends on time.
 */
final class MinipixServer implements AutoCloseable {

  static final String API_KEY = "mp-test-key-4711";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<JsonNode> created = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final DisposableServer server;

  private static final class Job {
    volatile String state = "queued";
    volatile String error;
    int advanceAfterPolls;
    int statusCalls;
    byte[] png;
    final int width;
    final int height;

    Job(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  MinipixServer() {
    server = HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .route(routes -> routes
            .post("/v1/jobs", (req, res) -> call(req, res, (id, body) -> create(body)))
            .get("/v1/jobs/{id}", (req, res) -> call(req, res, (id, body) -> status(id)))
            .delete("/v1/jobs/{id}", (req, res) -> call(req, res, (id, body) -> cancel(id)))
            .get("/files/{name}", this::file))
        .bindNow();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/v1/");
  }

  /** The bodies of the jobs created so far, in order. */
  List<JsonNode> created() {
    return List.copyOf(created);
  }

  /** How many {@code /v1} calls were answered. */
  int calls() {
    return calls.get();
  }

  /** The {@code /v1} calls answered so far, as method and raw URI, such as {@code GET /v1/jobs/job-1}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Moves a job on: queued to running, running to done. */
  void advance(String id) {
    Job job = job(id);
    synchronized (job) {
      job.state = switch (job.state) {
        case "queued" -> "running";
        case "running" -> "done";
        default -> throw new IllegalStateException("job " + id + " has ended: " + job.state);
      };
    }
  }

  /**
   * Moves a job on by one step ({@link #advance}) once {@code polls} more status calls have been
   * answered with its current state, so that a test knows the client saw that state repeated.
   */
  void advanceAfter(String id, int polls) {
    Job job = job(id);
    synchronized (job) {
      job.advanceAfterPolls = polls;
    }
  }

  /** Moves a job straight to done. */
  void finish(String id) {
    advance(id);
    advance(id);
  }

  /** How many status calls named a job. */
  int statusCalls(String id) {
    Job job = job(id);
    synchronized (job) {
      return job.statusCalls;
    }
  }

  /** Ends a job with an error. */
  void fail(String id, String error) {
    Job job = job(id);
    synchronized (job) {
      job.error = error;
      job.state = "error";
    }
  }

  String state(String id) {
    return job(id).state;
  }

  private Job job(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("no job " + id);
    }
    return job;
  }

  private interface Handler {
    /** Answers a call; {@code id} is the decoded {@code {id}} of the path, or {@code null}. */
    Answer answer(String id, JsonNode body);
  }

  private record Answer(int status, JsonNode body) {}

  private Publisher<Void> call(HttpServerRequest req, HttpServerResponse res, Handler handler) {
    return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(text -> {
      calls.incrementAndGet();
      requests.add(req.method().name() + " " + req.uri());
      boolean bodyless = !req.method().name().equals("POST");
      Answer answer;
      if (!API_KEY.equals(req.requestHeaders().get("X-Api-Key"))) {
        answer = error(401, "invalid API key");
      } else if (bodyless && (!text.isEmpty() || req.requestHeaders().contains("Content-Type"))) {
        answer = error(400, req.method().name() + " takes no body");
      } else {
        try {
          String id = req.param("id");
          answer = handler.answer(
              id == null ? null : URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8),
              JSON.readTree(text.isEmpty() ? "{}" : text));
        } catch (RuntimeException e) {
          answer = error(400, "malformed request: " + e.getMessage());
        }
      }
      return res.status(answer.status())
          .header("Content-Type", "application/json")
          .sendString(Mono.just(answer.body().toString()))
          .then();
    });
  }

  private Answer create(JsonNode body) {
    String prompt = body.path("prompt").asString("");
    if (prompt.isBlank()) {
      return error(422, "prompt is required");
    }
    String id = "job-" + ids.incrementAndGet();
    jobs.put(id, new Job(body.path("width").asInt(512), body.path("height").asInt(512)));
    created.add(body);
    return new Answer(201, view(id));
  }

  private Answer status(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      return error(404, "no job " + id);
    }
    synchronized (job) {
      job.statusCalls++;
      Answer answer = new Answer(200, view(id));
      if (job.advanceAfterPolls > 0 && --job.advanceAfterPolls == 0) {
        advance(id);
      }
      return answer;
    }
  }

  private Answer cancel(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      return error(404, "no job " + id);
    }
    synchronized (job) {
      if (!job.state.equals("queued") && !job.state.equals("running")) {
        return error(409, "job " + id + " has ended");
      }
      job.state = "canceled";
    }
    return new Answer(200, view(id));
  }

  private ObjectNode view(String id) {
    Job job = jobs.get(id);
    ObjectNode node = JSON.createObjectNode();
    ObjectNode view = node.putObject("job").put("id", id).put("state", job.state);
    if (job.state.equals("done")) {
      view.putArray("images").addObject()
          .put("url", "http://127.0.0.1:" + server.port() + "/files/" + id + ".png")
          .put("bytes", png(job).length);
      view.put("credits", 1);
    }
    if (job.error != null) {
      view.put("error", job.error);
    }
    return node;
  }

  private Publisher<Void> file(HttpServerRequest req, HttpServerResponse res) {
    String name = req.param("name");
    Job job = name == null || !name.endsWith(".png") ? null : jobs.get(name.substring(0, name.length() - 4));
    if (job == null || !job.state.equals("done")) {
      return res.status(404).send();
    }
    return res.header("Content-Type", "image/png").sendByteArray(Mono.just(png(job)));
  }

  /** A real PNG of the job's size, the same bytes every time. */
  static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, new Color(x % 256, y % 256, 128).getRGB());
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] png(Job job) {
    synchronized (job) {
      if (job.png == null) {
        job.png = png(job.width, job.height);
      }
      return job.png;
    }
  }

  private static Answer error(int status, String message) {
    return new Answer(status, JSON.createObjectNode().put("message", message));
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
