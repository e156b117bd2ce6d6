package dev.lora4j.spi.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ConcurrentHashMap;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/** What one call sends; shared by its attempts (each subscription is one). */
final class Call {
  final String method;
  /** The path as messages and logs show it: no leading {@code /}, no query. */
  final String name;
  final URI uri;
  final @Nullable JsonNode body;
  final HttpErrorMapper errorMapper;
  /** Shared by every call to the same target. */
  private final Senders senders;
  private volatile @Nullable Redactor bodyRedactor;
  private volatile byte @Nullable [] payload;

  Call(String method, String name, URI uri, @Nullable JsonNode body, HttpErrorMapper errorMapper) {
    this(method, name, uri, body, errorMapper, new Senders());
  }

  private Call(
      String method, String name, URI uri, @Nullable JsonNode body, HttpErrorMapper errorMapper, Senders senders) {
    this.method = method;
    this.name = name;
    this.uri = uri;
    this.body = body;
    this.errorMapper = errorMapper;
    this.senders = senders;
  }

  /**
   * The Reactor Netty request of this call's method and URI on {@code http}. Each of {@code
   * request} and {@code uri} copies the client's whole configuration; built once per target, an
   * attempt only adds its {@code send}.
   */
  HttpClient.RequestSender sender(HttpClient http) {
    return senders.of(http, method, uri);
  }

  /** The request of the last method and client asked for, kept for the next attempt. */
  static final class Senders {
    private record Built(HttpClient http, String method, HttpClient.RequestSender sender) {}

    private volatile @Nullable Built built;

    HttpClient.RequestSender of(HttpClient http, String method, URI uri) {
      Built known = built;
      if (known == null || known.http != http || !known.method.equals(method)) {
        known = new Built(http, method, http.request(HttpMethod.valueOf(method)).uri(uri));
        built = known;
      }
      return known.sender;
    }
  }

  /**
   * The targets of a client's JSON calls below {@code base} (which has no trailing {@code /}): a
   * leading {@code /} of a path is ignored, its text is used as given (the caller encodes what it
   * puts in, with {@link PathSegments#encode}). A client calls a few constant paths over and over,
   * so the first {@value #MAX_CACHED} paths are parsed once and then looked up.
   */
  static final class Targets {

    static final int MAX_CACHED = 256;

    private record Target(String name, URI uri, Senders senders) {}

    private final String base;
    private final ConcurrentHashMap<String, Target> cache = new ConcurrentHashMap<>();

    Targets(String base) {
      this.base = base;
    }

    /**
     * A JSON call to {@code path}.
     *
     * @throws IllegalArgumentException if the path is blank or does not form a valid URI
     */
    Call json(String method, String path, @Nullable JsonNode body, HttpErrorMapper errorMapper) {
      Target target = cache.get(path);
      if (target == null) {
        target = target(path);
        if (cache.size() < MAX_CACHED) {
          cache.putIfAbsent(path, target);
        }
      }
      return new Call(method, target.name, target.uri, body, errorMapper, target.senders);
    }

    private Target target(String path) {
      String relative = path.startsWith("/") ? path.substring(1) : path;
      if (relative.isBlank()) {
        throw new IllegalArgumentException("path must not be blank, was '" + path + "'");
      }
      URI uri;
      try {
        uri = new URI(base + "/" + relative);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("path must form a valid URI below " + base + ", was '" + path + "'", e);
      }
      int query = relative.indexOf('?');
      return new Target(query < 0 ? relative : relative.substring(0, query), uri, new Senders());
    }
  }

  /**
   * The body's bytes, serialized at the first attempt and sent as they are by every later one: a
   * poll resubscribes the same call every few seconds, for minutes.
   */
  byte @Nullable [] payload() {
    byte[] known = payload;
    if (known == null && body != null) {
      known = JsonCall.MAPPER.writeValueAsBytes(body);
      payload = known;
    }
    return known;
  }

  /** The client's redactor plus the credentials of the body, worked out once for all attempts. */
  Redactor redactor(Redactor base) {
    Redactor known = bodyRedactor;
    if (known == null) {
      known = body == null ? base : base.withSecretsFrom(body);
      bodyRedactor = known;
    }
    return known;
  }
}
