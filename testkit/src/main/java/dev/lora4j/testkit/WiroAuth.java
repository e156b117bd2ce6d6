package dev.lora4j.testkit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Wiro project authentication: {@code x-api-key} must name a configured project; a signature
 * project also needs {@code x-nonce} (a decimal integer) and {@code x-signature}, the lowercase hex
 * HMAC-SHA256 keyed by the API key's UTF-8 bytes over {@code apiSecret + nonce}.
 */
final class WiroAuth {

  static final String NOT_FOUND = "Project authorization is not founded.";
  static final String SIGNATURE_REQUIRED =
      "Project requires signature authentication. x-signature and x-nonce headers are required.";
  static final String NOT_VALID = "Project authorization is not valid.";
  static final String NONCE_REUSED = "Nonce has already been used.";

  /** A configured project; a {@code null} secret means "API key only". */
  record Project(String apiKey, @Nullable String apiSecret, String projectId) {
    boolean signature() {
      return apiSecret != null;
    }
  }

  /** An authentication failure: HTTP 401, code 0, with the spec's message. */
  static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, Project> projects;
  private final boolean rejectReusedNonces;
  private final Map<String, Set<String>> usedNonces = new ConcurrentHashMap<>();

  WiroAuth(List<Project> projects, boolean rejectReusedNonces) {
    this.projects = projects.stream().collect(Collectors.toUnmodifiableMap(Project::apiKey, Function.identity()));
    this.rejectReusedNonces = rejectReusedNonces;
  }

  /**
   * Authenticates a request from its headers.
   *
   * @param header reads a header by lower-case name
   * @return the project
   * @throws Unauthorized with the spec's message
   */
  Project authenticate(Function<String, @Nullable String> header) {
    String apiKey = header.apply("x-api-key");
    Project project = apiKey == null ? null : projects.get(apiKey);
    if (project == null) {
      throw new Unauthorized(NOT_FOUND);
    }
    if (!project.signature()) {
      return project;
    }
    String nonce = header.apply("x-nonce");
    String signature = header.apply("x-signature");
    if (nonce == null || nonce.isEmpty() || signature == null || signature.isEmpty()) {
      throw new Unauthorized(SIGNATURE_REQUIRED);
    }
    if (!nonce.matches("[0-9]{1,19}")) {
      throw new Unauthorized(NOT_VALID);
    }
    String expected = signature(project.apiKey(), project.apiSecret(), nonce);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.UTF_8))) {
      throw new Unauthorized(NOT_VALID);
    }
    if (rejectReusedNonces && !usedNonces.computeIfAbsent(apiKey, k -> ConcurrentHashMap.newKeySet()).add(nonce)) {
      throw new Unauthorized(NONCE_REUSED);
    }
    return project;
  }

  /**
   * The secret of a project.
   *
   * @param apiKey the project's key
   * @return its secret; empty for an unknown key or an "API key only" project
   */
  Optional<String> secretOf(String apiKey) {
    return Optional.ofNullable(projects.get(apiKey)).map(Project::apiSecret);
  }

  /**
   * The key of a project.
   *
   * @param projectId the project's id
   * @return its API key; empty for an unknown project
   */
  Optional<String> keyOf(String projectId) {
    return projects.values().stream().filter(p -> p.projectId().equals(projectId)).map(Project::apiKey).findFirst();
  }

  /**
   * The signature of a nonce.
   *
   * @param apiKey the HMAC key, as UTF-8
   * @param apiSecret the message prefix
   * @param nonce the message suffix
   * @return lowercase hex HMAC-SHA256 of {@code apiSecret + nonce}
   */
  static String signature(String apiKey, @Nullable String apiSecret, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((apiSecret + nonce).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
