package dev.lora4j.internal;

import java.net.URI;
import java.util.Locale;

/** The one rule of what counts as a web URL: absolute, {@code http} or {@code https}, with a host. */
public final class WebUrls {

  private WebUrls() {}

  /**
   * Tells whether a URL is a web URL.
   *
   * @param url the URL
   * @return {@code true} for an absolute {@code http} or {@code https} URL with a host
   */
  public static boolean isWeb(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
  }

  /**
   * Describes what a URL that is not a web URL is, without showing it (its query may be a signed
   * token, its user info a password).
   *
   * @param url the URL
   * @return such as {@code a relative URL}, {@code a file URL} or {@code an http URL without a host}
   */
  public static String kind(URI url) {
    if (url.getScheme() == null) {
      return "a relative URL";
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() == null) {
      return "an " + scheme + " URL without a host";
    }
    return "a " + scheme + " URL";
  }
}
