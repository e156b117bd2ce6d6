package dev.lora4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Deterministic pseudo-randomness: every draw is a pure function of a seed, a stream name and an
 * index, so that results do not depend on how concurrent requests interleave. Draws that must
 * differ between simulator instances and runs, such as ids, use a {@link #salt()} as their seed.
 */
public final class Seeds {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private static final SecureRandom SALTS = new SecureRandom();

  private Seeds() {
  }

  /**
   * A generator for one (seed, stream, index) triple.
   *
   * @param seed the configured seed
   * @param stream what the draw is for, such as {@code "fault:Task/Detail"}
   * @param index the ordinal of the draw within the stream
   * @return a generator whose sequence depends only on the three arguments
   */
  public static SplittableRandom random(long seed, String stream, long index) {
    return new SplittableRandom(mix(mix(seed ^ hash(stream)) + index));
  }

  /**
   * A seed for draws that must not repeat across simulator instances and runs.
   *
   * @return a value from a strong random source, different for every call
   */
  public static long salt() {
    return SALTS.nextLong();
  }

  /**
   * A uniform draw in [0, 1).
   *
   * @param seed the configured seed
   * @param stream what the draw is for
   * @param index the ordinal of the draw within the stream
   * @return the draw
   */
  public static double unit(long seed, String stream, long index) {
    return random(seed, stream, index).nextDouble();
  }

  /**
   * Lower-case hex characters.
   *
   * @param seed the configured seed
   * @param stream what the draw is for
   * @param index the ordinal of the draw within the stream
   * @param length how many characters
   * @return the text
   */
  public static String hex(long seed, String stream, long index, int length) {
    return chars(random(seed, stream, index), HEX, length);
  }

  /**
   * Letters and digits.
   *
   * @param seed the configured seed
   * @param stream what the draw is for
   * @param index the ordinal of the draw within the stream
   * @param length how many characters
   * @return the text
   */
  public static String alphanumeric(long seed, String stream, long index, int length) {
    return chars(random(seed, stream, index), ALNUM, length);
  }

  private static String chars(SplittableRandom random, char[] alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }

  /**
   * A stable 64-bit FNV-1a hash of UTF-8 text.
   *
   * @param text the text
   * @return the hash
   */
  public static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
