package dev.lora4j.wiro;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs Wiro API requests. Every request carries {@value #API_KEY_HEADER}; with an API secret (a
 * "signature" project) also {@value #NONCE_HEADER} and {@value #SIGNATURE_HEADER}, the lowercase
 * hex HMAC-SHA256 keyed by the API key's UTF-8 bytes over {@code apiSecret + nonce}:
 *
 * <pre>{@code
 * WiroSigner signer = WiroSigner.of("test-api-key", "test-secret");
 * signer.signature("1700000000000");
 * // 2d99fa1b6934f66a712785d1b402997e1b13d9d7cd5e0085211dac133ae4a8ef
 * }</pre>
 *
 * <p>Nonces are decimal integers, strictly increasing per API key across the whole JVM: every
 * signer of one key, in every client, draws from one sequence, so concurrent requests never share a
 * nonce. A nonce is a millisecond count {@code max(previous + 1, now)} (a burst of requests runs a
 * little ahead of the clock) times {@value #NONCE_SLOTS}, plus this process's slot, a number below
 * {@value #NONCE_SLOTS} drawn at random once per JVM. Two processes using one key can only collide
 * if they drew the same slot (one chance in {@value #NONCE_SLOTS}); otherwise their nonces differ in
 * the last three digits. Nonces stay below 2<sup>53</sup> (until the year 2255), so a server that
 * reads them as JavaScript numbers keeps them exact. Thread-safe. Neither the key, the secret nor a
 * signature ever appears in {@link #toString()}.
 */
public final class WiroSigner {

  /** The header carrying the API key. */
  public static final String API_KEY_HEADER = "x-api-key";
  /** The header carrying the nonce. */
  public static final String NONCE_HEADER = "x-nonce";
  /** The header carrying the signature. */
  public static final String SIGNATURE_HEADER = "x-signature";

  /** How many processes' nonces fit in one millisecond. */
  static final int NONCE_SLOTS = 1000;

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  /** This process's place within each millisecond of nonces. */
  private static final int PROCESS_SLOT = new SecureRandom().nextInt(NONCE_SLOTS);
  /**
   * The millisecond count of the last nonce of each API key in this JVM, by a digest of the key
   * (the key itself is not kept here); starts at {@link Long#MIN_VALUE}.
   */
  private static final ConcurrentMap<String, AtomicLong> SEQUENCES = new ConcurrentHashMap<>();

  private final String apiKey;
  private final @Nullable String apiSecret;
  private final SecretKeySpec key;
  private final LongSupplier clock;
  private final int slot;
  private final AtomicLong lastTick;

  private WiroSigner(String apiKey, @Nullable String apiSecret, LongSupplier clock, int slot) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    if (apiSecret != null && apiSecret.isBlank()) {
      throw new IllegalArgumentException("apiSecret must be null (an API key only project) or not blank");
    }
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
    this.key = new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slot = slot;
    this.lastTick = SEQUENCES.computeIfAbsent(digest(apiKey), k -> new AtomicLong(Long.MIN_VALUE));
    mac();
  }

  /**
   * Creates a signer.
   *
   * @param apiKey the project's API key, not blank
   * @param apiSecret the project's API secret, or {@code null} for a project set to "API key only"
   *     (then no nonce or signature is sent)
   * @return the signer
   * @throws IllegalArgumentException if the key is blank or the secret is blank but not null (the
   *     message never shows either)
   */
  public static WiroSigner of(String apiKey, @Nullable String apiSecret) {
    return new WiroSigner(apiKey, apiSecret, System::currentTimeMillis, PROCESS_SLOT);
  }

  /**
   * For tests: a signer whose clock is {@code clock} (milliseconds) and whose process slot is
   * {@code slot}, as another process's would be.
   */
  static WiroSigner of(String apiKey, @Nullable String apiSecret, LongSupplier clock, int slot) {
    if (slot < 0 || slot >= NONCE_SLOTS) {
      throw new IllegalArgumentException("slot must be between 0 and " + (NONCE_SLOTS - 1) + ", was " + slot);
    }
    return new WiroSigner(apiKey, apiSecret, clock, slot);
  }

  /**
   * Tells whether requests are signed.
   *
   * @return {@code true} when an API secret is configured
   */
  public boolean signs() {
    return apiSecret != null;
  }

  /**
   * Returns the next nonce: the current time in milliseconds, or one more than the previous nonce's
   * millisecond count of the same API key if that is not later, times {@value #NONCE_SLOTS}, plus
   * this process's slot. Unique and increasing across all threads and all signers of this API key
   * in this JVM.
   *
   * @return the nonce
   */
  public long nextNonce() {
    long now = clock.getAsLong();
    while (true) {
      long previous = lastTick.get();
      long next = previous == Long.MIN_VALUE ? now : Math.max(previous + 1, now);
      if (lastTick.compareAndSet(previous, next)) {
        return next * NONCE_SLOTS + slot;
      }
    }
  }

  /**
   * Computes the signature of a nonce.
   *
   * @param nonce the nonce as sent in {@value #NONCE_HEADER}
   * @return the lowercase hex HMAC-SHA256 of {@code apiSecret + nonce}, keyed by the API key
   * @throws IllegalStateException if no API secret is configured
   */
  public String signature(String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    String secret = apiSecret;
    if (secret == null) {
      throw new IllegalStateException("no API secret is configured: this signer sends the API key alone");
    }
    return HEX.formatHex(mac().doFinal((secret + nonce).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Returns the headers of one request: {@value #API_KEY_HEADER}, and when signing a fresh
   * {@value #NONCE_HEADER} and its {@value #SIGNATURE_HEADER}. Call it once per request attempt.
   *
   * @return an immutable map
   */
  public Map<String, String> headers() {
    if (apiSecret == null) {
      return Map.of(API_KEY_HEADER, apiKey);
    }
    String nonce = Long.toString(nextNonce());
    return Map.of(API_KEY_HEADER, apiKey, NONCE_HEADER, nonce, SIGNATURE_HEADER, signature(nonce));
  }

  private static String digest(String apiKey) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  /**
   * Describes the signer without its credentials.
   *
   * @return {@code WiroSigner{apiKey=***, signed}} or {@code WiroSigner{apiKey=***, key only}}
   */
  @Override
  public String toString() {
    return "WiroSigner{apiKey=***, " + (apiSecret == null ? "key only" : "signed") + "}";
  }
}
