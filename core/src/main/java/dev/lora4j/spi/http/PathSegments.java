package dev.lora4j.spi.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one path segment (RFC 3986): every byte of the UTF-8 form outside the
 * unreserved characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}, so a value can neither
 * end the segment ({@code /}), start a query or fragment ({@code ?}, {@code #}) nor leave the
 * request line invalid (space, non-ASCII). The dot segments {@code .} and {@code ..} are encoded
 * too, since a server or proxy would otherwise resolve them to another resource.
 */
final class PathSegments {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  static String encode(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("segment must not be empty");
    }
    if (segment.equals(".") || segment.equals("..")) {
      return segment.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
