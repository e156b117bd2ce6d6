package dev.lora4j.testkit;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain JDK HTTP calls to a simulator, so that tests exercise the wire and not our SDK. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {
  }

  static HttpResponse<String> post(URI uri, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postJson(URI uri, Object body, String... headers) {
    String text = body instanceof String ? (String) body : JSON.writeValueAsString(body);
    return post(uri, "application/json", text, headers);
  }

  static HttpResponse<byte[]> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return CLIENT.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** The parsed body, or {@code null} when it is not valid JSON. */
  static JsonNode jsonOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (tools.jackson.core.JacksonException e) {
      return null;
    }
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static BufferedImage image(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new AssertionError("not an image ImageIO can read");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
