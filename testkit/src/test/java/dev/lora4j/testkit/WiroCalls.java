package dev.lora4j.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/** Signed Wiro calls and a WebSocket listener, written independently of the simulator's code. */
final class WiroCalls {

  private static final AtomicLong NONCES = new AtomicLong(System.currentTimeMillis());

  private final URI base;
  private final String apiKey;
  private final String apiSecret;

  WiroCalls(URI base, String apiKey, String apiSecret) {
    this.base = base;
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
  }

  static WiroCalls defaults(WiroSimulator simulator) {
    return new WiroCalls(simulator.baseUrl(), WiroSimulator.DEFAULT_API_KEY, WiroSimulator.DEFAULT_API_SECRET);
  }

  static String hmacHex(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      StringBuilder hex = new StringBuilder();
      for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String[] signedHeaders() {
    String nonce = Long.toString(NONCES.incrementAndGet());
    return new String[] {"x-api-key", apiKey, "x-nonce", nonce, "x-signature", hmacHex(apiKey, apiSecret + nonce)};
  }

  URI uri(String path) {
    return URI.create(base + "/" + path);
  }

  HttpResponse<String> post(String path, Object body) {
    return Http.postJson(uri(path), body, signedHeaders());
  }

  JsonNode postOk(String path, Object body) {
    HttpResponse<String> response = post(path, body);
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    return Http.json(response);
  }

  HttpResponse<String> postRaw(String path, String contentType, String body) {
    return Http.post(uri(path), contentType, body, signedHeaders());
  }

  /** Collects the text frames of one subscription until the server closes the socket. */
  static final class Subscription implements WebSocket.Listener {
    final List<String> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Subscription open(URI socketUrl, String token) {
      Subscription subscription = new Subscription();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(socketUrl, subscription)
          .join();
      subscription.socket = socket;
      socket.sendText("{\"type\":\"task_info\",\"tasktoken\":\"" + token + "\"}", true).join();
      return subscription;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }

    int awaitClose() {
      try {
        return closed.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
        throw new AssertionError("socket did not close: " + e, e);
      }
    }

    List<String> types() {
      return frames.stream().map(frame -> Http.json(frame).get("type").stringValue()).toList();
    }
  }
}
