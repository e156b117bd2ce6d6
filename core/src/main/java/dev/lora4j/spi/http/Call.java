package dev.lora4j.spi.http;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What one call sends; shared by its attempts (each subscription is one). */
final class Call {
  final String method;
  /** The path as messages and logs show it: no leading {@code /}, no query. */
  final String name;
  final URI uri;
  final @Nullable JsonNode body;
  final HttpErrorMapper errorMapper;
  private volatile @Nullable Redactor bodyRedactor;

  Call(String method, String name, URI uri, @Nullable JsonNode body, HttpErrorMapper errorMapper) {
    this.method = method;
    this.name = name;
    this.uri = uri;
    this.body = body;
    this.errorMapper = errorMapper;
  }

  /**
   * A JSON call to {@code path} below {@code base} (which has no trailing {@code /}): a leading
   * {@code /} of the path is ignored, its text is used as given (the caller encodes what it puts
   * in, with {@link PathSegments#encode}).
   *
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  static Call json(
      String method, String base, String path, @Nullable JsonNode body, HttpErrorMapper errorMapper) {
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
    return new Call(method, query < 0 ? relative : relative.substring(0, query), uri, body, errorMapper);
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
