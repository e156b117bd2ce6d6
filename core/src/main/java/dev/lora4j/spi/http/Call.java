package dev.lora4j.spi.http;

import java.net.URI;
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
