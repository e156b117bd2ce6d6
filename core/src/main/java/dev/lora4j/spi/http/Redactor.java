package dev.lora4j.spi.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes credentials from text and JSON before it is logged or put into an exception message.
 * Immutable and thread-safe.
 *
 * <p>Two rules apply, both replacing what they find with {@value #MASK}:
 *
 * <ol>
 *   <li>every occurrence of a known secret (the API key, the API secret, ...), also in its JSON
 *       escaped form;
 *   <li>the value of every field whose name looks like a credential ({@link #isCredentialName}),
 *       in JSON ({@code "api_key": "..."}), also in a JSON text cut short or malformed, and in
 *       form or query strings ({@code token=...}).
 * </ol>
 *
 * A provider keeping raw payloads (for {@code toString()}, a debug dump, a raw response in a
 * result) redacts them with the {@code Redactor} of its {@link ProviderHttpClient}.
 *
 * <p>{@link #maskSecrets(JsonNode)} applies the first rule alone, to a provider's answer before
 * anything reads it: every value derived from it (a message, a result, an attribute, an exception)
 * is then free of the known secrets, while fields named like credentials that a provider needs
 * (such as a socket token it hands out) are kept.
 */
public final class Redactor {

  /** What a credential is replaced with. */
  public static final String MASK = "***";

  /** Normalized credential names (lower case, without {@code -_. }) match if they end so. */
  private static final List<String> CREDENTIAL_SUFFIXES =
      List.of(
          "apikey",
          "apisecret",
          "secret",
          "secretkey",
          "accesskey",
          "privatekey",
          "password",
          "passwd",
          "token",
          "signature",
          "authorization",
          "credential",
          "credentials",
          "cookie");

  /**
   * A JSON name-value pair whose value is a string (possibly unterminated, when the text is cut
   * short) or a bare scalar. Possessive quantifiers keep this linear on hostile input.
   */
  private static final Pattern JSON_PAIR =
      Pattern.compile(
          "\"((?:[^\"\\\\]|\\\\.){1,100}+)\"(\\s*+:\\s*+)"
              + "(\"(?:[^\"\\\\]|\\\\.?)*+(?:\"|$)|[-+0-9.eE]++|true|false)");

  /** A {@code name=value} pair of a query or form string. */
  private static final Pattern FORM_PAIR =
      Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100}+)=([^&\\s\"'<>,;]++)");

  private static final String NUMBER_CHARS = "0123456789+-.eEInfinityNaN";

  private static final String MASKED_STRING = '"' + MASK + '"';

  private static final Redactor NONE = new Redactor(List.of(), Set.of());

  /** Longest first, so that a secret containing another is masked whole. */
  private final List<String> secrets;

  /**
   * The secrets given to {@link #withSecrets}, each of whose forms is in {@link #secrets}: adding
   * one of them again changes nothing, so it returns this redactor without working out the forms.
   */
  private final Set<String> given;

  /** Whether a secret could be a number's text, which {@link #maskSecrets} then looks for. */
  private final boolean numericSecret;

  private Redactor(List<String> secrets, Set<String> given) {
    this.secrets = secrets;
    this.given = given;
    this.numericSecret = secrets.stream().anyMatch(Redactor::couldBeNumber);
  }

  /**
   * Returns a redactor applying only the credential-name rule.
   *
   * @return the redactor
   */
  public static Redactor none() {
    return NONE;
  }

  /**
   * Returns a redactor masking these secrets and the credential-name rule. Blank secrets are
   * ignored.
   *
   * @param secrets the secret values, such as the API key and secret
   * @return the redactor
   */
  public static Redactor of(Collection<String> secrets) {
    return NONE.withSecrets(secrets);
  }

  /**
   * Returns a redactor that also masks these secrets.
   *
   * @param more further secret values; blank ones are ignored
   * @return a new redactor, or this one when nothing was added
   */
  public Redactor withSecrets(Collection<String> more) {
    Objects.requireNonNull(more, "secrets");
    if (knowsAll(more)) {
      // The same secrets each call (a poll's own key, its headers): nothing to work out again.
      return this;
    }
    Set<String> all = new LinkedHashSet<>(secrets);
    Set<String> allGiven = new HashSet<>(given);
    for (String secret : more) {
      Objects.requireNonNull(secret, "a secret is null");
      if (!secret.isBlank()) {
        allGiven.add(secret);
        all.add(secret);
        all.add(jsonEscaped(secret));
        all.add(jsonEscaped(secret).replace("/", "\\/"));
        all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    if (all.size() == secrets.size()) {
      return this;
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(sorted), Set.copyOf(allGiven));
  }

  /** Whether each of {@code more} is blank or already given; fails on a null one like {@link #withSecrets}. */
  private boolean knowsAll(Collection<String> more) {
    for (String secret : more) {
      Objects.requireNonNull(secret, "a secret is null");
      if (!given.contains(secret) && !secret.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a redactor that also masks the values of the credential fields found anywhere in
   * {@code json}, such as a per-task {@code api_key} in a request body. Those values are then
   * masked wherever they appear, also in a provider's answer that echoes them in free text.
   *
   * @param json a request body or other JSON holding credentials
   * @return a new redactor, or this one when {@code json} holds no credential
   */
  public Redactor withSecretsFrom(JsonNode json) {
    Objects.requireNonNull(json, "json");
    List<String> found = new ArrayList<>();
    collectCredentials(json, found);
    return found.isEmpty() ? this : withSecrets(found);
  }

  /**
   * Tells whether a JSON field, form field or header name looks like it holds a credential: its
   * lower-case form without {@code -}, {@code _}, {@code .} and spaces ends with {@code apikey},
   * {@code secret}, {@code password}, {@code token}, {@code signature}, {@code authorization},
   * {@code credentials}, {@code cookie} or a few similar words. So {@code api_key}, {@code apiKey},
   * {@code x-api-key}, {@code apiSecret}, {@code x-signature}, {@code access_token} and {@code
   * socketaccesstoken} match; {@code max_tokens}, {@code nonce} and {@code consumer_id} do not.
   *
   * @param name the name
   * @return {@code true} when values under this name must never be shown
   */
  public static boolean isCredentialName(String name) {
    // compared from the end, skipping the ignored characters: called for every field of every
    // answer that is redacted, it allocates nothing
    for (String suffix : CREDENTIAL_SUFFIXES) {
      if (endsNormalizedWith(name, suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name}, lower case and without {@code -_. }, ends with {@code suffix}. */
  private static boolean endsNormalizedWith(String name, String suffix) {
    int i = name.length() - 1;
    for (int j = suffix.length() - 1; j >= 0; j--) {
      while (i >= 0 && isIgnoredInName(name.charAt(i))) {
        i--;
      }
      if (i < 0 || Character.toLowerCase(name.charAt(i)) != suffix.charAt(j)) {
        return false;
      }
      i--;
    }
    return true;
  }

  private static boolean isIgnoredInName(char c) {
    return c == '-' || c == '_' || c == '.' || c == ' ';
  }

  /**
   * Describes a URL without the parts that may hold a secret: user info and a query (where a
   * signed download URL keeps its signature) print as {@value #MASK}; scheme, host, port and path
   * are kept, for a {@code toString()} or a message.
   *
   * @param url the URL
   * @return such as {@code https://cdn.example/a.safetensors?***}
   */
  public static String describeUrl(URI url) {
    Objects.requireNonNull(url, "url");
    if (url.getRawUserInfo() == null && url.getRawQuery() == null) {
      return url.getRawFragment() == null ? url.toString() : url.toString().substring(0, url.toString().indexOf('#'));
    }
    StringBuilder shown = new StringBuilder();
    if (url.getScheme() != null) {
      shown.append(url.getScheme()).append(':');
    }
    if (url.getRawAuthority() != null) {
      shown.append("//");
      if (url.getRawUserInfo() != null) {
        shown.append(MASK).append('@');
      }
      shown.append(url.getHost() == null ? "" : url.getHost()).append(url.getPort() < 0 ? "" : ":" + url.getPort());
    }
    shown.append(url.getRawPath() == null ? "" : url.getRawPath());
    return url.getRawQuery() == null ? shown.toString() : shown.append('?').append(MASK).toString();
  }

  /**
   * Redacts a text: a raw response body, a message, a log line.
   *
   * @param text the text
   * @return the text with every secret and credential value replaced by {@value #MASK}
   */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    String result = maskedText(text);
    // a JSON pair needs a quote and a colon, a form pair an equals sign: most texts (a status
    // message, a task id) have neither, and need no matcher
    if (result.indexOf('"') >= 0 && result.indexOf(':') >= 0) {
      result = replaceValues(JSON_PAIR, result, 1, 3, MASKED_STRING);
    }
    return result.indexOf('=') >= 0 ? replaceValues(FORM_PAIR, result, 1, 2, MASK) : result;
  }

  /**
   * Redacts a text and shortens it to at most {@code maxChars} characters, for an excerpt in an
   * exception message or a log line. Redaction comes first, so a secret cut in two at the limit
   * is masked too. Line breaks and runs of white space become one space, so the excerpt is one
   * line.
   *
   * @param text the text
   * @param maxChars the longest result, at least 2
   * @return the redacted excerpt, ending in {@code …} when shortened
   */
  public String excerpt(String text, int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2, was " + maxChars);
    }
    // Only the start of a long text can show; the margin keeps a secret or credential that
    // begins inside the excerpt whole, so that it is still recognized and masked.
    int longest = secrets.isEmpty() ? 0 : secrets.get(0).length();
    long window = 2L * maxChars + longest + 1024;
    String start = text.length() > window ? text.substring(0, (int) window) : text;
    String flat = redact(start).replaceAll("\\s+", " ").strip();
    return flat.length() <= maxChars ? flat : flat.substring(0, maxChars - 1) + "…";
  }

  /**
   * Masks the known secrets in JSON: every occurrence inside a string value or a field name, and a
   * number whose text is a secret, becomes {@value #MASK}. Unlike {@link #redact(JsonNode)}, nothing
   * else changes, not even under names that look like credentials, so a provider can still read an
   * answer it was given; and when there is nothing to mask, nothing is copied.
   *
   * @param json the JSON, such as a provider's answer
   * @return {@code json} itself when it holds no known secret, else a masked copy; {@code json} is
   *     not changed
   */
  public JsonNode maskSecrets(JsonNode json) {
    Objects.requireNonNull(json, "json");
    return secrets.isEmpty() || !holdsSecret(json) ? json : copy(json, false);
  }

  /**
   * Redacts JSON: returns a deep copy in which the value of every credential field is {@value
   * #MASK} (a {@code null} value stays {@code null}), every string is redacted as {@link
   * #redact(String)} does, and every known secret in a field name or a number is masked.
   *
   * @param json the JSON
   * @return a redacted copy; {@code json} itself is not changed
   */
  public JsonNode redact(JsonNode json) {
    Objects.requireNonNull(json, "json");
    return copy(json, true);
  }

  /**
   * Describes this redactor without revealing any secret.
   *
   * @return the number of secrets it masks
   */
  @Override
  public String toString() {
    return "Redactor{" + secrets.size() + " secret forms}";
  }

  private boolean holdsSecret(JsonNode json) {
    if (json.isObject()) {
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        if (holdsSecret(field.getKey()) || holdsSecret(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (json.isArray()) {
      for (JsonNode element : json) {
        if (holdsSecret(element)) {
          return true;
        }
      }
      return false;
    }
    // a number's text is made for the check; only a secret that could be such a text is looked for
    return json.isString() ? holdsSecret(json.asString()) : json.isNumber() && numericSecret && holdsSecret(json.asString());
  }

  /**
   * Whether a secret is made only of characters a number's text can have (digits, sign, point,
   * exponent, and the letters of {@code Infinity} and {@code NaN}).
   */
  private static boolean couldBeNumber(String secret) {
    for (int i = 0; i < secret.length(); i++) {
      if (NUMBER_CHARS.indexOf(secret.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private boolean holdsSecret(String text) {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  private String maskedText(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /**
   * A deep copy with the known secrets masked in field names, strings and numbers; {@code byName}
   * also masks the value of every credential field and applies the credential-name rule inside
   * strings.
   */
  private JsonNode copy(JsonNode json, boolean byName) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (json.isObject()) {
      ObjectNode copy = nodes.objectNode();
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        JsonNode value = field.getValue();
        boolean credential = byName && isCredentialName(field.getKey()) && !value.isNull();
        copy.set(maskedText(field.getKey()), credential ? nodes.stringNode(MASK) : copy(value, byName));
      }
      return copy;
    }
    if (json.isArray()) {
      ArrayNode copy = nodes.arrayNode(json.size());
      for (JsonNode element : json) {
        copy.add(copy(element, byName));
      }
      return copy;
    }
    if (json.isString() || json.isNumber()) {
      String value = json.asString();
      String masked = byName && json.isString() ? redact(value) : maskedText(value);
      return masked.equals(value) ? json : nodes.stringNode(masked);
    }
    return json.deepCopy();
  }

  private static String replaceValues(
      Pattern pattern, String text, int nameGroup, int valueGroup, String mask) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      if (isCredentialName(m.group(nameGroup))) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, m.start(valueGroup)).append(mask);
        copied = m.end(valueGroup);
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static void collectCredentials(JsonNode json, List<String> found) {
    if (json.isObject()) {
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        JsonNode value = field.getValue();
        if (isCredentialName(field.getKey()) && value.isValueNode() && !value.isNull()) {
          found.add(value.asString());
        } else {
          collectCredentials(value, found);
        }
      }
    } else if (json.isArray()) {
      for (JsonNode element : json) {
        collectCredentials(element, found);
      }
    }
  }

  private static String jsonEscaped(String secret) {
    StringBuilder b = new StringBuilder(secret.length() + 8);
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.toString();
  }
}
