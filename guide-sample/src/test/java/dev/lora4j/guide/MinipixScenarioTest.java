package dev.lora4j.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.WatchOptions;
import dev.lora4j.guide.minipix.MinipixDetails;
import dev.lora4j.guide.minipix.MinipixProviderFactory;
import dev.lora4j.guide.minipix.MinipixSketch;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * The guide's sample provider through {@link TaskClient}'s whole contract, over real HTTP against
 * {@link MinipixServer}: found by {@link java.util.ServiceLoader} alone, jobs moved only by the test.
 */
class MinipixScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final WatchOptions FAST = WatchOptions.defaults().interval(Duration.ofMillis(20)).timeout(WAIT);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path folder;

  private MinipixServer server;
  private TaskClient client;

  @BeforeEach
  void start() {
    server = new MinipixServer();
    client = TaskClients.create(options(MinipixServer.API_KEY, Map.of()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Only the key and the base URL: no provider name, no environment, no system properties. */
  private ClientOptions options(String apiKey, Map<String, String> environment) {
    ClientOptions.Builder options = ClientOptions.builder().environment(environment).systemProperties(new Properties())
        .baseUrl(server.baseUrl());
    return apiKey.isEmpty() ? options.build() : options.apiKey(apiKey).build();
  }

  private TaskHandle submit(TaskRequest request) {
    return client.submit(request).block(WAIT);
  }

  private static MinipixSketch sketch() {
    return new MinipixSketch("a lighthouse at dusk", "ink", 128);
  }

  @Test
  void isFoundByTheServiceLoaderAndDescribesItsSettings() {
    assertThat(TaskClients.providers()).containsExactly("minipix");
    assertThat(client.provider()).isEqualTo("minipix");
    ProviderDescription description = TaskClients.descriptions().get(0);
    assertThat(description.name()).isEqualTo(MinipixProviderFactory.NAME);
    assertThat(description.embeddedSimulator()).isFalse();
    assertThat(description.settings()).extracting(ProviderSetting::name).containsExactly("apiKey", "baseUrl");
    ProviderSetting<?> key = description.setting("apiKey").orElseThrow();
    assertThat(key.required()).isTrue();
    assertThat(key.sensitive()).isTrue();
    assertThat(key.environmentVariable()).isEqualTo(MinipixProviderFactory.API_KEY_ENV);
    assertThat(description.setting("baseUrl").orElseThrow().defaultValue()).hasValue("https://api.minipix.invalid/v1/");
  }

  @Test
  void watchEmitsEachChangedStatusOnceInOrderAndCompletesAfterTheTerminalUpdate() {
    TaskHandle handle = submit(sketch());
    String id = handle.id();

    StepVerifier.create(client.watch(handle, FAST))
        .assertNext(update -> {
          assertThat(update.status()).isEqualTo(TaskStatus.WAITING);
          assertThat(update.providerStatus()).isEqualTo("queued");
          server.advanceAfter(id, 2);
        })
        .assertNext(update -> {
          assertThat(update.status()).isEqualTo(TaskStatus.RUNNING);
          assertThat(update.providerStatus()).isEqualTo("running");
          server.advanceAfter(id, 2);
        })
        .assertNext(update -> {
          assertThat(update.status()).isEqualTo(TaskStatus.FINISHED);
          assertThat(update.result()).hasValueSatisfying(r -> assertThat(r.outputs()).hasSize(1));
        })
        .expectComplete()
        .verify(WAIT);

    // "queued" and "running" were each answered three times; each was emitted once
    assertThat(server.statusCalls(id)).isGreaterThanOrEqualTo(7);
    assertThat(server.created()).hasSize(1);
    List<String> calls = server.requests();
    assertThat(calls.get(0)).isEqualTo("POST /v1/jobs");
    assertThat(calls.subList(1, calls.size())).as("the polls").allMatch(call -> call.equals("GET /v1/jobs/" + id));
  }

  @Test
  void anUnknownJobIsNotFoundAndItsIdTravelsAsOnePathSegment() {
    String id = "job-1/../x?y#z é";

    StepVerifier.create(client.status(TaskHandle.of(MinipixProviderFactory.NAME, id)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TaskNotFoundException.class, n -> {
          assertThat(n.statusCode()).hasValue(404);
          assertThat(n.providerMessage()).hasValue("no job " + id);
        }))
        .verify(WAIT);

    assertThat(server.requests()).containsExactly("GET /v1/jobs/job-1%2F..%2Fx%3Fy%23z%20%C3%A9");
  }

  @Test
  void awaitGivesTheResultWithOnePngAndDownloadWritesIt() throws Exception {
    TaskHandle handle = submit(sketch());
    server.finish(handle.id());

    TaskResult result = client.await(handle, FAST).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(result.error()).isEmpty();
    assertThat(result.detail(MinipixDetails.CREDITS)).hasValue(1);
    assertThat(result.raw()).hasValueSatisfying(raw -> assertThat(raw).contains("\"state\":\"done\""));
    assertThat(result.outputs()).hasSize(1);
    TaskOutput output = result.outputs().get(0);
    assertThat(output.contentType()).hasValue("image/png");
    assertThat(output.name()).isEqualTo(handle.id() + ".png");

    Path written = client.download(output, folder.resolve("out/sketch.png")).block(WAIT);

    assertThat(written).isEqualTo(folder.resolve("out/sketch.png").toAbsolutePath());
    byte[] bytes = Files.readAllBytes(written);
    assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    assertThat(output.size()).hasValue(bytes.length);
    BufferedImage image = ImageIO.read(written.toFile());
    assertThat(image.getWidth()).isEqualTo(128);
    assertThat(image.getHeight()).isEqualTo(128);
  }

  @Test
  void aFailedJobSignalsTaskFailedExceptionWithTheError() {
    TaskHandle handle = submit(sketch());
    server.fail(handle.id(), "the ink ran out");

    StepVerifier.create(client.await(handle, FAST))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskFailedException.class);
          TaskResult result = ((TaskFailedException) e).result();
          assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
          assertThat(result.error()).hasValue("the ink ran out");
          assertThat(result.outputs()).isEmpty();
        })
        .verify(WAIT);
  }

  @Test
  void cancelCancelsTheJobAndTheWatchEndsCanceled() throws Exception {
    TaskHandle handle = submit(sketch());
    AtomicReference<CompletableFuture<Void>> cancel = new AtomicReference<>();

    StepVerifier.create(client.watch(handle, FAST))
        .assertNext(update -> {
          assertThat(update.status()).isEqualTo(TaskStatus.WAITING);
          cancel.set(client.cancel(handle).toFuture());
        })
        .assertNext(update -> {
          assertThat(update.status()).isEqualTo(TaskStatus.CANCELED);
          assertThat(update.result()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(TaskStatus.CANCELED));
        })
        .expectComplete()
        .verify(WAIT);

    cancel.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(server.state(handle.id())).isEqualTo("canceled");
    assertThat(server.requests()).containsOnlyOnce("DELETE /v1/jobs/" + handle.id());
    StepVerifier.create(client.await(handle, FAST))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TaskCanceledException.class,
            c -> assertThat(c.result().status()).isEqualTo(TaskStatus.CANCELED)))
        .verify(WAIT);
  }

  @Test
  void aWatchTimeoutCancelsTheJobRemotelyAndSignalsTaskTimeoutException() {
    TaskHandle handle = submit(sketch());
    Duration timeout = Duration.ofMillis(300);

    StepVerifier.create(client.watch(handle, WatchOptions.defaults().interval(Duration.ofMillis(20)).timeout(timeout)))
        .assertNext(update -> assertThat(update.status()).isEqualTo(TaskStatus.WAITING))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TaskTimeoutException.class, t -> {
          assertThat(t.handle()).isEqualTo(handle);
          assertThat(t.timeout()).isEqualTo(timeout);
          assertThat(t.canceled()).isTrue();
          assertThat(t.lastUpdate()).hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(TaskStatus.WAITING));
        }))
        .verify(WAIT);

    assertThat(server.state(handle.id())).isEqualTo("canceled");
  }

  @Test
  void aSecondClientResumesFromTheEncodedHandle() {
    String encoded = submit(sketch()).encode();

    try (TaskClient second = TaskClients.create(options(MinipixServer.API_KEY, Map.of()))) {
      TaskHandle handle = TaskHandle.decode(encoded);
      assertThat(handle.provider()).isEqualTo("minipix");
      TaskUpdate queued = second.status(handle).block(WAIT);
      assertThat(queued.status()).isEqualTo(TaskStatus.WAITING);

      server.finish(handle.id());

      assertThat(second.await(handle, FAST).block(WAIT).outputs()).hasSize(1);
    }
    assertThat(server.created()).hasSize(1);
  }

  @Test
  void aRejectedKeyNamesWhereItCameFromAndNeverShowsIt() {
    String wrong = "mp-wrong-key-0815";
    try (TaskClient fromOption = TaskClients.create(options(wrong, Map.of()));
        TaskClient fromEnvironment = TaskClients.create(options("", Map.of("MINIPIX_API_KEY", wrong)))) {
      StepVerifier.create(fromOption.submit(sketch()))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(AuthenticationException.class, a -> {
            assertThat(a.getMessage()).contains("option apiKey").doesNotContain(wrong);
            assertThat(a.statusCode()).hasValue(401);
          }))
          .verify(WAIT);
      StepVerifier.create(fromEnvironment.submit(sketch()))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
              .hasMessageContaining("environment variable MINIPIX_API_KEY")
              .hasMessageNotContaining(wrong))
          .verify(WAIT);
    }
    assertThat(server.created()).isEmpty();
  }

  @Test
  void aMissingKeyNamesTheEnvironmentVariable() {
    assertThatThrownBy(() -> TaskClients.create(options("", Map.of())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("MINIPIX_API_KEY")
        .hasMessageContaining("lora4j.apiKey");
  }

  @Test
  void textToImageBecomesASketchOfTheLorasStyleAndTheWidth() {
    TaskHandle handle = submit(TextToImage.builder().prompt("a red square").lora("ink").width(256).height(256).build());
    submit(TextToImage.of("a blue square", "plain"));

    assertThat(handle.provider()).isEqualTo("minipix");
    List<String> bodies = server.created().stream().map(Object::toString).toList();
    assertThat(bodies).containsExactly(
        "{\"prompt\":\"a red square\",\"style\":\"ink\",\"width\":256,\"height\":256}",
        "{\"prompt\":\"a blue square\",\"style\":\"plain\",\"width\":512,\"height\":512}");
  }

  @Test
  void whatMinipixCannotDoIsUnsupportedAndWhatItsRangeExcludesIsInvalid() {
    assertRefused(TextToImage.builder().prompt("two cats").lora("ink").samples(2).build(),
        UnsupportedRequestException.class, "samples must be 1, was 2");
    assertRefused(TextToImage.builder().prompt("a banner").lora("ink").width(256).height(512).build(),
        UnsupportedRequestException.class, "width and height must be equal, were 256 and 512");
    assertRefused(TextToImage.builder().prompt("a seeded cat").lora("ink").seed(7).build(),
        UnsupportedRequestException.class, "minipix has no seed parameter");
    assertRefused(TextToImage.builder().prompt("a poster").lora("ink").width(2048).height(2048).build(),
        InvalidRequestException.class, "width must be between 64 and 1024, was 2048");
    assertRefused(new TaskRequest() {
          @Override
          public String toString() {
            return "another provider's request";
          }
        },
        UnsupportedRequestException.class, "runs MinipixSketch and TextToImage");

    assertThat(server.created()).as("nothing refused reaches the server").isEmpty();
  }

  @Test
  void theTypedRequestRunsUnchanged() {
    TaskHandle handle = submit(new MinipixSketch("a fox", "charcoal", 64));
    server.finish(handle.id());

    assertThat(client.await(handle, FAST).block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(server.created()).singleElement().hasToString(
        "{\"prompt\":\"a fox\",\"style\":\"charcoal\",\"width\":64,\"height\":64}");
  }

  @Test
  void eachSubmissionCreatesExactlyOneJob() {
    List<TaskHandle> handles = List.of(submit(sketch()), submit(sketch()), submit(sketch()));

    assertThat(server.created()).hasSize(3);
    assertThat(handles).extracting(TaskHandle::id).doesNotHaveDuplicates();
  }

  private void assertRefused(TaskRequest request, Class<? extends Exception> type, String message) {
    StepVerifier.create(client.submit(request))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(type).hasMessageContaining(message))
        .verify(WAIT);
  }
}
