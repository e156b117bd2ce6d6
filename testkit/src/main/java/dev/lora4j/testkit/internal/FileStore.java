package dev.lora4j.testkit.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Output files a simulator serves under {@code /files/}. Thread-safe; keeps everything in memory
 * until the simulator closes.
 */
public final class FileStore {

  /**
   * One stored file.
   *
   * @param bytes the content; callers must not modify it
   * @param contentType the MIME type
   */
  public record StoredFile(byte[] bytes, String contentType) {
  }

  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

  /**
   * Stores a file.
   *
   * @param path the path below {@code /files/}, such as {@code "2221/0.png"}
   * @param file the file
   */
  public void put(String path, StoredFile file) {
    files.put(path, file);
  }

  /**
   * Looks a file up.
   *
   * @param path the path below {@code /files/}
   * @return the file, if stored
   */
  public Optional<StoredFile> get(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /**
   * Forgets a file.
   *
   * @param path the path below {@code /files/}
   */
  public void remove(String path) {
    files.remove(path);
  }

  /** Forgets every file. */
  public void clear() {
    files.clear();
  }
}
