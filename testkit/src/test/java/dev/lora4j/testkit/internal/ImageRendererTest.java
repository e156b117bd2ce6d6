package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageRendererTest {

  @Test
  void rendersThePictureOfTheRequestedSizeAgainFromAFreshRenderer() throws IOException {
    byte[] first = new ImageRenderer().png(33, 17, "a gecko", "7");
    byte[] second = new ImageRenderer().png(33, 17, "a gecko", "7");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(first));

    assertThat(second).isEqualTo(first);
    assertThat(image.getWidth()).isEqualTo(33);
    assertThat(image.getHeight()).isEqualTo(17);
    assertThat(new ImageRenderer().png(33, 17, "a gecko", "8")).isNotEqualTo(first);
  }

  @Test
  void rejectsSizesBeyondTheLimitNamingTheValue() {
    ImageRenderer renderer = new ImageRenderer();

    assertThatThrownBy(() -> renderer.png(4097, 10, "p", "s"))
        .hasMessage("width must be between 1 and 4096, was 4097");
    assertThatThrownBy(() -> renderer.gif(10, 0, 2, 10, "p", "s"))
        .hasMessage("height must be between 1 and 4096, was 0");
  }
}
