package dev.lora4j.wiro;

import dev.lora4j.ClientOptions;
import dev.lora4j.Option;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.spi.TaskProvider;
import dev.lora4j.spi.TaskProviderFactory;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.wiro.internal.WiroCodec;
import dev.lora4j.wiro.internal.WiroProvider;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the Wiro provider, named {@value #NAME}, for {@link dev.lora4j.TaskClients}. Its
 * {@linkplain #description() description} lists the settings:
 *
 * <table>
 *   <caption>Configuration</caption>
 *   <tr><th>what</th><th>option</th><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>API key</td><td>{@link ClientOptions#API_KEY}</td><td>{@code lora4j.apiKey}</td>
 *       <td>{@value #API_KEY_ENV}</td><td>required</td></tr>
 *   <tr><td>API secret (signature projects)</td><td>{@link ClientOptions#API_SECRET}</td>
 *       <td>{@code lora4j.apiSecret}</td><td>{@value #API_SECRET_ENV}</td>
 *       <td>none: the API key is sent alone</td></tr>
 *   <tr><td>base URL</td><td>{@link ClientOptions#BASE_URL}</td><td>{@code lora4j.baseUrl}</td>
 *       <td>{@value #BASE_URL_ENV}</td><td>{@value #DEFAULT_BASE_URL}</td></tr>
 *   <tr><td>status socket URL</td><td>{@link #SOCKET_URL}</td><td>{@code lora4j.wiro.socketUrl}</td>
 *       <td>{@value #SOCKET_URL_ENV}</td><td>{@value #DEFAULT_SOCKET_URL}</td></tr>
 *   <tr><td>tracking: {@code auto}, {@code websocket} or {@code polling} ({@link
 *       WiroTracking})</td><td>{@link #TRACKING}</td><td>{@code lora4j.wiro.tracking}</td>
 *       <td>{@value #TRACKING_ENV}</td><td>{@code auto}</td></tr>
 * </table>
 *
 * An option set on the builder wins over the system property, which wins over the environment
 * variable. The base URL and the socket URL are independent: pointing one at a test server does not
 * move the other. The poll interval is the core's ({@link ClientOptions#POLL_INTERVAL}).
 */
public final class WiroProviderFactory implements TaskProviderFactory {

  /** The provider's name. */
  public static final String NAME = WiroCodec.PROVIDER;
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "WIRO_API_KEY";
  /** The environment variable holding the API secret. */
  public static final String API_SECRET_ENV = "WIRO_API_SECRET";
  /** The environment variable holding the API's base URL. */
  public static final String BASE_URL_ENV = "WIRO_BASE_URL";
  /** The environment variable holding the status socket's URL. */
  public static final String SOCKET_URL_ENV = "WIRO_SOCKET_URL";
  /** The environment variable holding the tracking mode. */
  public static final String TRACKING_ENV = "WIRO_TRACKING";
  /** Wiro's public API base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.wiro.ai/v1";
  /** Wiro's public status socket URL. */
  public static final String DEFAULT_SOCKET_URL = "wss://socket.wiro.ai/v1";

  /** The status socket's URL, an absolute {@code ws} or {@code wss} URL. */
  public static final Option<URI> SOCKET_URL = Option.valueOf("wiro.socketUrl", URI.class, WiroProviderFactory::socketUrl);
  /** How tasks are followed; strings are parsed with {@link WiroTracking#parse}. */
  public static final Option<WiroTracking> TRACKING = Option.valueOf("wiro.tracking", WiroTracking.class, WiroTracking::parse);

  private static final ProviderSetting<String> KEY = ProviderSetting.required(ClientOptions.API_KEY, API_KEY_ENV,
      "the project's API key; a project set to signature authentication needs " + API_SECRET_ENV + " too");
  private static final ProviderSetting<String> SECRET = ProviderSetting.optional(ClientOptions.API_SECRET, API_SECRET_ENV,
      "the project's API secret, for signature authentication; without it the API key is sent alone", null);
  private static final ProviderSetting<URI> BASE_URL = ProviderSetting.optional(ClientOptions.BASE_URL, BASE_URL_ENV,
      "the API's base URL", DEFAULT_BASE_URL);
  private static final ProviderSetting<URI> SOCKET = ProviderSetting.optional(SOCKET_URL, SOCKET_URL_ENV,
      "the status socket's URL, ws or wss", DEFAULT_SOCKET_URL);
  private static final ProviderSetting<WiroTracking> TRACKING_SETTING = ProviderSetting.optional(TRACKING, TRACKING_ENV,
      "how tasks are followed: auto (the socket when the handle has its token), websocket or polling", "auto");
  static final ProviderDescription DESCRIPTION =
      ProviderDescription.of(NAME, true, KEY, SECRET, BASE_URL, SOCKET, TRACKING_SETTING);

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public WiroProviderFactory() {}

  @Override
  public ProviderDescription description() {
    return DESCRIPTION;
  }

  /**
   * Creates the provider.
   *
   * @param context the description and the client options
   * @return the provider
   * @throws dev.lora4j.AuthenticationException if no API key is configured
   * @throws IllegalArgumentException if the base URL, socket URL or tracking mode is malformed
   */
  @Override
  public TaskProvider create(ProviderContext context) {
    String apiKey = context.require(KEY).strip();
    Optional<String> apiSecret = context.value(SECRET).map(String::strip);
    String credentials = "the API key from " + context.sourceOf(KEY).orElseThrow()
        + (apiSecret.isPresent() ? " and the API secret from " + context.sourceOf(SECRET).orElseThrow() : "");
    URI baseUrl = context.valueOrDefault(BASE_URL);
    URI socketUrl = socketUrl(context.valueOrDefault(SOCKET).toString());
    WiroTracking tracking = context.valueOrDefault(TRACKING_SETTING);
    WiroSigner signer = WiroSigner.of(apiKey, apiSecret.orElse(null));
    ProviderHttpClient http = context.http(baseUrl).headers(signer::headers).build();
    WiroCodec codec = new WiroCodec(ProviderHttpClient.json(), http.redactor(), credentials);
    return new WiroProvider(http, codec, socketUrl, tracking, credentials, signer.signs());
  }

  private static URI socketUrl(String raw) {
    URI uri = URI.create(raw.strip());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("ws") || scheme.equals("wss"))
        || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the Wiro socket URL must be an absolute ws or wss URL without user info or fragment, was '"
              + (uri.getRawUserInfo() != null ? "a URL with user info" : raw) + "'");
    }
    return uri;
  }
}
