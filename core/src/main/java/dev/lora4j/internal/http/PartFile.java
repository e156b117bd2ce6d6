package dev.lora4j.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A download in progress: a temporary file next to the target, moved over the target only once
 * complete, so that a failed or canceled download never leaves a truncated file under the
 * target's name. Its methods block (file I/O) and signal failures as {@link UncheckedIOException},
 * which keeps them apart from network failures. Not thread-safe.
 */
public final class PartFile {

  private final Path target;
  private final Path part;
  private final FileChannel channel;
  private boolean committed;

  private PartFile(Path target, Path part, FileChannel channel) {
    this.target = target;
    this.part = part;
    this.channel = channel;
  }

  /**
   * Creates the temporary file in the target's directory, which must exist.
   *
   * @param target the file the download ends up in
   * @return the open part file
   * @throws UncheckedIOException if the file cannot be created
   */
  public static PartFile create(Path target) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    try {
      Path part = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
      if (Files.getFileStore(part).supportsFileAttributeView(PosixFileAttributeView.class)) {
        // a temporary file is private (rw-------); the finished download is an ordinary file
        Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
      }
      return new PartFile(absolute, part, FileChannel.open(part, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file next to " + absolute, e);
    }
  }

  /**
   * Appends bytes.
   *
   * @param bytes the next bytes of the download
   * @throws UncheckedIOException if writing fails
   */
  public void write(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + part, e);
    }
  }

  /**
   * Closes the temporary file and moves it over the target, atomically where the file system can.
   *
   * @return the target
   * @throws UncheckedIOException if closing or moving fails
   */
  public Path commit() {
    try {
      channel.close();
      try {
        Files.move(
            part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the download to " + target, e);
    }
  }

  /** Closes the temporary file and, unless committed, deletes it. Never throws. */
  public void discard() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do with it
    }
    if (!committed) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // a stray .part file is the lesser evil than an exception from cleanup
      }
    }
  }
}
