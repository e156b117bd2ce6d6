package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ProviderHttpClientDownloadTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private TestServer server;
  private ProviderHttpClient client;

  @BeforeEach
  void start() {
    server = new TestServer();
    client =
        ProviderHttpClient.builder("wiro", server.baseUrl())
            .headers(() -> Map.of("x-api-key", "key-1"))
            .maxDownloadSize(64 * 1024)
            .responseTimeout(Duration.ofMillis(500))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private URI url(String pathAndQuery) {
    return URI.create(server.baseUrl() + pathAndQuery);
  }

  private static byte[] image(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private void serve(byte[] bytes, int chunk) {
    server.answer(
        (req, res, body) ->
            res.header("Content-Type", "image/png")
                .send(
                    Flux.range(0, (bytes.length + chunk - 1) / chunk)
                        .map(
                            i ->
                                Unpooled.wrappedBuffer(
                                    bytes, i * chunk, Math.min(chunk, bytes.length - i * chunk))))
                .then());
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void writesTheFileAndReportsProgress() throws IOException {
    byte[] png = image(40_000);
    serve(png, 4096);
    List<Long> progress = new CopyOnWriteArrayList<>();
    Path target = dir.resolve("0.png");

    StepVerifier.create(client.download(url("/out/0.png"), target, progress::add))
        .expectNext(target.toAbsolutePath())
        .expectComplete()
        .verify(WAIT);

    assertThat(Files.readAllBytes(target)).isEqualTo(png);
    assertThat(progress).isSorted().last().isEqualTo(40_000L);
    assertThat(files()).containsExactly(target);
  }

  @Test
  void followsRedirectsAndSendsNoProviderHeaders() throws IOException {
    byte[] png = image(1000);
    server.answer(
        (req, res, body) ->
            req.uri().equals("/out/0.png")
                ? res.status(302).header("Location", "/cdn/0.png").send().then()
                : res.send(Mono.just(Unpooled.wrappedBuffer(png))).then());
    Path target = dir.resolve("0.png");

    StepVerifier.create(client.download(url("/out/0.png"), target, null))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);

    assertThat(Files.readAllBytes(target)).isEqualTo(png);
    assertThat(server.uris()).containsExactly("/out/0.png", "/cdn/0.png");
    assertThat(server.requests())
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.headers().contains("x-api-key")).isFalse();
              assertThat(r.headers().get("Accept")).isEqualTo("*/*");
            });
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path target = Files.writeString(dir.resolve("0.png"), "old");
    serve(image(100), 100);

    StepVerifier.create(client.download(url("/out/0.png"), target, null))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);

    assertThat(Files.size(target)).isEqualTo(100);
  }

  @Test
  void aFileOverTheLimitLeavesNothingBehind() throws IOException {
    serve(image(100_000), 8192);

    StepVerifier.create(client.download(url("/out/big.png"), dir.resolve("big.png"), null))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage(
                        "wiro 127.0.0.1/out/big.png answered 200 with a body larger than the"
                            + " download limit of 65536 bytes"))
        .verify(WAIT);

    assertThat(files()).isEmpty();
  }

  @Test
  void anErrorStatusIsMappedWithoutTheSignedQuery() throws IOException {
    server.answer(TestServer.respond(404, "text/plain", "NoSuchKey"));

    StepVerifier.create(
            client.download(
                url("/out/missing.png?X-Amz-Signature=abc123"), dir.resolve("missing.png"), null))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("wiro 127.0.0.1/out/missing.png answered 404 Not Found: NoSuchKey"))
        .verify(WAIT);

    assertThat(files()).isEmpty();
  }

  @Test
  void aStalledDownloadTimesOutAndLeavesNothingBehind() throws IOException {
    server.answer(
        (req, res, body) ->
            res.send(Flux.concat(Mono.just(Unpooled.wrappedBuffer(image(10))), Flux.never()))
                .then());

    StepVerifier.create(client.download(url("/out/slow.png"), dir.resolve("slow.png"), null))
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(ProviderUnavailableException.class);
              assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
              assertThat(e.getMessage()).endsWith("no data received for 500 ms");
            })
        .verify(WAIT);

    assertThat(files()).isEmpty();
  }
}
