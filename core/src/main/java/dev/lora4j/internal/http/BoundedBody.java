package dev.lora4j.internal.http;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Collects a response body chunk by chunk, up to a limit, so that neither a lying {@code
 * Content-Length} nor an endless chunked body can take more memory than the limit. Not
 * thread-safe: one instance per response, fed from its event loop.
 */
public final class BoundedBody {

  private final int limit;
  private byte[] bytes;
  private int size;
  private long seen;

  /**
   * Creates an empty body.
   *
   * @param limit the most bytes kept
   * @param expected the declared length if known, else a negative number; sizes the first buffer
   */
  public BoundedBody(int limit, long expected) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    this.limit = limit;
    this.bytes = new byte[(int) Math.min(limit, expected >= 0 ? expected : 8192)];
  }

  /**
   * Appends a chunk, without changing its reader index. When the chunk would go over the limit,
   * the part that fits is kept and the rest dropped.
   *
   * @param chunk the next chunk of the body
   * @return {@code true} while the body is within the limit, {@code false} once it went over
   */
  public boolean append(ByteBuf chunk) {
    int length = chunk.readableBytes();
    seen += length;
    int fits = Math.min(length, limit - size);
    if (fits > 0) {
      if (size + fits > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, size + fits)));
      }
      chunk.getBytes(chunk.readerIndex(), bytes, size, fits);
      size += fits;
    }
    return seen <= limit;
  }

  /**
   * Tells whether more bytes arrived than the limit allows.
   *
   * @return {@code true} once the body went over the limit
   */
  public boolean overflowed() {
    return seen > limit;
  }

  /**
   * Returns the bytes kept: the whole body, or its first {@code limit} bytes after an overflow.
   * Called once the body is complete: when the buffer is exactly full (a body of its declared
   * length), it is returned itself rather than copied, and must not be appended to afterwards.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
