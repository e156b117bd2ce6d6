package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  private static ByteBuf chunk(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void collectsChunksUpToTheLimit() {
    BoundedBody body = new BoundedBody(10, -1);
    ByteBuf first = chunk("hello ");

    assertThat(body.append(first)).isTrue();
    assertThat(body.append(chunk("you!"))).isTrue();

    assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello you!");
    assertThat(body.overflowed()).isFalse();
    assertThat(first.readableBytes()).isEqualTo(6);
  }

  @Test
  void keepsTheFirstBytesAndReportsAnOverflow() {
    BoundedBody body = new BoundedBody(8, 4);

    assertThat(body.append(chunk("12345"))).isTrue();
    assertThat(body.append(chunk("6789"))).isFalse();

    assertThat(body.overflowed()).isTrue();
    assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("12345678");
  }
}
