package dev.lora4j.internal.http;

import dev.lora4j.ClientOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

/**
 * The HTTP proxy a provider's requests go through, and where it was configured. The password never
 * leaves this object except to Reactor Netty's proxy handler: {@link #toString()} prints it as
 * {@code ***}, and no message quotes a proxy URL that may hold it.
 *
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username the user name for Basic authentication, or {@code null} for none
 * @param password the password, or {@code null} for none
 * @param nonProxyHosts the hosts reached directly
 * @param source where the proxy was configured, such as {@code option proxyHost} or {@code
 *     environment variable HTTPS_PROXY}
 */
public record ProxySettings(
    String host,
    int port,
    @Nullable String username,
    @Nullable String password,
    NonProxyHosts nonProxyHosts,
    String source) {

  /** Reached directly whatever the environment says, as Go's and the JDK's defaults do. */
  private static final NonProxyHosts LOOPBACK = NonProxyHosts.parse("localhost,127.0.0.0/8,::1");

  private static final int DEFAULT_PORT = 80;

  /**
   * Checks the components.
   *
   * @param host the proxy's host
   * @param port the proxy's port
   * @param username the user name, if any
   * @param password the password, if any
   * @param nonProxyHosts the hosts reached directly
   * @param source where the proxy was configured
   * @throws IllegalArgumentException if the host or port is malformed, or a password comes without
   *     a user name
   */
  public ProxySettings {
    SettingChecks.host("proxyHost", host);
    SettingChecks.PORTS.check("proxyPort", port);
    Objects.requireNonNull(nonProxyHosts, "nonProxyHosts");
    Objects.requireNonNull(source, "source");
    if (password != null && username == null) {
      throw new IllegalArgumentException("a proxy password is set (" + source + ") but no proxy user name");
    }
  }

  /**
   * Finds the proxy for requests to {@code target}: the {@code proxyHost} option (with its port,
   * credentials and non-proxy hosts) if set anywhere; else {@code HTTPS_PROXY} / {@code
   * https_proxy} for an {@code https} target, {@code HTTP_PROXY} / {@code http_proxy} for {@code
   * http} (not when {@code REQUEST_METHOD} says the process is a CGI script, whose {@code
   * HTTP_PROXY} a client can set), bypassed for {@code NO_PROXY} / {@code no_proxy}, the {@code
   * nonProxyHosts} option and the loopback addresses.
   *
   * @param options the client options
   * @param target the base URL the requests go to
   * @return the proxy, or empty when none is configured this way
   * @throws IllegalArgumentException if a setting is malformed; the message never holds a password
   */
  public static Optional<ProxySettings> resolve(ClientOptions options, URI target) {
    Optional<NonProxyHosts> listed =
        options.value(ClientOptions.NON_PROXY_HOSTS, NetworkOptions.NON_PROXY_HOSTS_ENV).map(NonProxyHosts::parse);
    Optional<String> host = options.value(ClientOptions.PROXY_HOST, NetworkOptions.PROXY_HOST_ENV);
    if (host.isPresent()) {
      return Optional.of(
          new ProxySettings(
              host.get(),
              options.value(ClientOptions.PROXY_PORT, NetworkOptions.PROXY_PORT_ENV).orElse(DEFAULT_PORT),
              options.value(ClientOptions.PROXY_USERNAME, NetworkOptions.PROXY_USERNAME_ENV).orElse(null),
              options.value(ClientOptions.PROXY_PASSWORD, NetworkOptions.PROXY_PASSWORD_ENV).orElse(null),
              listed.orElse(NonProxyHosts.none()),
              options.sourceOf(ClientOptions.PROXY_HOST, NetworkOptions.PROXY_HOST_ENV).orElseThrow()));
    }
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    if (!https && options.environmentVariable("REQUEST_METHOD").isPresent()) {
      return Optional.empty();
    }
    String[] names = https ? new String[] {"HTTPS_PROXY", "https_proxy"} : new String[] {"HTTP_PROXY", "http_proxy"};
    for (String name : names) {
      Optional<String> url = options.environmentVariable(name);
      if (url.isPresent()) {
        NonProxyHosts bypass =
            options.environmentVariable("NO_PROXY").or(() -> options.environmentVariable("no_proxy"))
                .map(NonProxyHosts::parse).orElse(NonProxyHosts.none())
                .and(listed.orElse(NonProxyHosts.none()))
                .and(LOOPBACK);
        return Optional.of(fromUrl(url.get(), bypass, "environment variable " + name));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a proxy URL such as {@code http://user:password@proxy.example:3128}; the scheme may be
   * left out, the port defaults to 80, and the user info is percent-decoded.
   *
   * @param url the URL
   * @param nonProxyHosts the hosts reached directly
   * @param source where the URL comes from, for messages
   * @return the proxy
   * @throws IllegalArgumentException if it is not an {@code http} URL with a host; the message
   *     names the source, never the URL
   */
  static ProxySettings fromUrl(String url, NonProxyHosts nonProxyHosts, String source) {
    String text = url.strip();
    String withScheme = text.contains("://") ? text : "http://" + text;
    String problem = source + " must be a proxy URL such as http://proxy.example:3128"
        + " (the value is not shown, it may hold a password)";
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException(problem + "; only http:// proxies are supported");
    }
    String username = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new ProxySettings(uri.getHost(), port, username, password, nonProxyHosts, source);
  }

  /**
   * Sends {@code client}'s requests through this proxy with Reactor Netty's {@link ProxyProvider}:
   * an HTTP proxy, {@code CONNECT} tunnels, Basic credentials when a user name is set.
   *
   * @param client the client
   * @param connectTimeout how long the proxy may take to open the tunnel
   * @return the client with the proxy
   */
  public HttpClient applyTo(HttpClient client, Duration connectTimeout) {
    String secret = password == null ? "" : password;
    return client.proxy(
        spec -> {
          ProxyProvider.Builder proxy =
              spec.type(ProxyProvider.Proxy.HTTP)
                  .host(host)
                  .port(port)
                  .nonProxyHostsPredicate(nonProxyHosts)
                  .connectTimeoutMillis(connectTimeout.toMillis());
          if (username != null) {
            proxy.username(username).password(user -> secret);
          }
        });
  }

  /**
   * Describes the proxy with the password as {@code ***}.
   *
   * @return such as {@code proxy 127.0.0.1:3128 as alice (password ***) from option proxyHost}
   */
  @Override
  public String toString() {
    String who = username == null ? "" : " as " + username + (password == null ? "" : " (password ***)");
    String bypass = nonProxyHosts.text().isEmpty() ? "" : ", bypassed for " + nonProxyHosts;
    return "proxy " + host + ":" + port + who + " from " + source + bypass;
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
