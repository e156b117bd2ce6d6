package dev.lora4j;

import dev.lora4j.internal.WebUrls;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One file a finished task produced: where to download it and what the provider said about it. Its
 * URL is always an absolute {@code http} or {@code https} URL with a host: a provider drops any other
 * output it reports (see {@link dev.lora4j.spi.OutputUrls}).
 *
 * <p>Applications receive outputs in a {@link TaskResult}; the {@code of} factories are for
 * providers and tests.
 */
public final class TaskOutput {

  private final URI url;
  private final @Nullable String contentType;
  private final String name;
  private final long size;

  private TaskOutput(URI url, @Nullable String contentType, @Nullable String name, long size) {
    this.url = Objects.requireNonNull(url, "url");
    if (!WebUrls.isWeb(url)) {
      throw new IllegalArgumentException("url must be an absolute http or https URL with a host, was " + WebUrls.kind(url));
    }
    if (size < -1) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    this.contentType = contentType == null || contentType.isBlank() ? null : contentType;
    String given = name == null ? null : fileName(name);
    this.name = given != null ? given : fileNameOr(url.getPath(), "output");
    this.size = size;
  }

  /**
   * Creates an output known only by its URL. For providers and tests.
   *
   * @param url the absolute {@code http} or {@code https} URL of the file
   * @return the output
   * @throws IllegalArgumentException if the URL is not an absolute http or https URL with a host
   */
  public static TaskOutput of(URI url) {
    return new TaskOutput(url, null, null, -1);
  }

  /**
   * Creates an output. For providers and tests.
   *
   * @param url the absolute {@code http} or {@code https} URL of the file
   * @param contentType the media type the provider reported, or {@code null}
   * @param name the file name the provider reported, or {@code null} to take the URL's last segment;
   *     only its last path segment is kept
   * @param size the size in bytes the provider reported, or {@code -1} when unknown
   * @return the output
   * @throws IllegalArgumentException if the URL is not an absolute http or https URL with a host,
   *     or the size is below {@code -1}
   */
  public static TaskOutput of(
      URI url, @Nullable String contentType, @Nullable String name, long size) {
    return new TaskOutput(url, contentType, name, size);
  }

  /**
   * Returns the absolute URL of the file.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * Returns the media type the provider reported, such as {@code image/png}.
   *
   * @return the media type, or empty when the provider did not say
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Returns the file's name: the provider's, else the last segment of the URL's path, else {@code
   * output}. It is a plain file name: never empty, never {@code .} or {@code ..}, and without
   * {@code /} or {@code \}, so it is safe to resolve against a folder.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the file's size in bytes, as the provider reported it.
   *
   * @return the size, or empty when the provider did not say
   */
  public OptionalLong size() {
    return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /**
   * Keeps the last segment of a name that may be a path, so that an output's name can never point
   * outside the folder it is saved in.
   *
   * @return the plain file name, or {@code null} when nothing usable is left
   */
  private static @Nullable String fileName(String name) {
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return last.isEmpty() || last.equals(".") || last.equals("..") ? null : last;
  }

  private static String fileNameOr(@Nullable String path, String fallback) {
    String last = path == null ? null : fileName(path);
    return last != null ? last : fallback;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TaskOutput other
        && url.equals(other.url)
        && Objects.equals(contentType, other.contentType)
        && name.equals(other.name)
        && size == other.size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, contentType, name, size);
  }

  @Override
  public String toString() {
    // the query of a CDN URL may be a signed token: it is left out
    String shown = url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?...");
    return "TaskOutput{url=" + shown + ", contentType=" + contentType + ", name=" + name
        + ", size=" + (size < 0 ? "unknown" : size) + "}";
  }
}
