package dev.lora4j.internal.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hosts a proxy is bypassed for, in one syntax for the {@code nonProxyHosts} option and the
 * conventional {@code NO_PROXY} variable: entries separated by {@code ,} or {@code |}, each a host
 * name (its subdomains included; a leading {@code .} is ignored), an IP address, an IP range in CIDR
 * notation ({@code 10.0.0.0/8}), a pattern with {@code *} wildcards ({@code *.internal}, {@code
 * 127.*}), or {@code *} for every host. A {@code :port} suffix is ignored. Matching is by the name
 * the request was made with; nothing is resolved.
 */
public final class NonProxyHosts implements Predicate<SocketAddress> {

  private static final NonProxyHosts NONE = new NonProxyHosts("", List.of());
  private static final Pattern SEPARATORS = Pattern.compile("[,|]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final String text;
  private final List<Predicate<String>> entries;

  private NonProxyHosts(String text, List<Predicate<String>> entries) {
    this.text = text;
    this.entries = entries;
  }

  /**
   * Returns the empty list: every host goes through the proxy.
   *
   * @return the list
   */
  public static NonProxyHosts none() {
    return NONE;
  }

  /**
   * Parses a list.
   *
   * @param text the entries, such as {@code localhost,*.internal,10.0.0.0/8}
   * @return the list
   * @throws IllegalArgumentException if blank, if an entry is empty or if a CIDR range is malformed
   */
  public static NonProxyHosts parse(String text) {
    Objects.requireNonNull(text, "nonProxyHosts");
    if (text.isBlank()) {
      throw new IllegalArgumentException("nonProxyHosts must not be blank");
    }
    List<Predicate<String>> entries = new ArrayList<>();
    for (String raw : SEPARATORS.split(text.strip(), -1)) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        throw new IllegalArgumentException("nonProxyHosts must not hold an empty entry, was '" + text + "'");
      }
      entries.add(entry(entry, text));
    }
    return new NonProxyHosts(text.strip(), List.copyOf(entries));
  }

  /**
   * Returns a list holding this one's entries and {@code other}'s.
   *
   * @param other more entries
   * @return the combined list
   */
  public NonProxyHosts and(NonProxyHosts other) {
    if (other.entries.isEmpty()) {
      return this;
    }
    if (entries.isEmpty()) {
      return other;
    }
    List<Predicate<String>> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new NonProxyHosts(text + "," + other.text, List.copyOf(all));
  }

  /**
   * Tells whether a host is reached without the proxy.
   *
   * @param host a host name or IP address, IPv6 with or without brackets
   * @return {@code true} when an entry covers it
   */
  public boolean matches(String host) {
    String h = strip(host.toLowerCase(Locale.ROOT));
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (Predicate<String> entry : entries) {
      if (entry.test(h)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether the address a request goes to is reached without the proxy.
   *
   * @param address the request's remote address, as Reactor Netty passes it
   * @return {@code true} when an entry covers its host
   */
  @Override
  public boolean test(SocketAddress address) {
    return address instanceof InetSocketAddress inet && matches(inet.getHostString());
  }

  /**
   * Returns the entries as they were given.
   *
   * @return the text, empty for {@link #none()}
   */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Predicate<String> entry(String entry, String text) {
    if (entry.equals("*")) {
      return host -> true;
    }
    int slash = entry.indexOf('/');
    if (slash >= 0) {
      return cidr(entry, slash, text);
    }
    String e = withoutPort(entry);
    if (e.startsWith(".")) {
      e = e.substring(1);
    }
    if (e.contains("*")) {
      Pattern glob = Pattern.compile(Pattern.quote(e).replace("*", "\\E.*\\Q"));
      return host -> glob.matcher(host).matches();
    }
    String name = e;
    return host -> host.equals(name) || host.endsWith("." + name);
  }

  private static Predicate<String> cidr(String entry, int slash, String text) {
    try {
      byte[] network = literal(strip(entry.substring(0, slash)));
      int bits = Integer.parseInt(entry.substring(slash + 1));
      if (network == null || bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("not a CIDR range");
      }
      return host -> {
        byte[] address = literal(host);
        return address != null && address.length == network.length && samePrefix(address, network, bits);
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "nonProxyHosts entry '" + entry + "' is not a CIDR range such as 10.0.0.0/8, in '" + text + "'", e);
    }
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of an IP literal, or {@code null} for a name (never looked up). */
  private static byte @Nullable [] literal(String host) {
    if (IPV4.matcher(host).matches()) {
      String[] parts = host.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(parts[i]);
        if (part > 255) {
          return null;
        }
        bytes[i] = (byte) part;
      }
      return bytes;
    }
    if (!host.contains(":")) {
      return null;
    }
    try {
      // with a colon the text is parsed as an IPv6 literal, never looked up
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String withoutPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close < 0 ? entry : entry.substring(1, close);
    }
    int colon = entry.indexOf(':');
    return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }

  private static String strip(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
