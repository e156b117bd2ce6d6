package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ImageRendererTest {

  private static final String GECKO =
      "A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime";
  private static final Caption CAPTION = new Caption(GECKO, "gecko", "42");

  private static BufferedImage decode(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** The pixels brighter than the gradient beneath: the caption only darkens it, except where text is. */
  private static int textPixels(BufferedImage image, BufferedImage background) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (brightness(image.getRGB(x, y)) > brightness(background.getRGB(x, y)) + 40) {
          count++;
        }
      }
    }
    return count;
  }

  private static int brightness(int rgb) {
    return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
  }

  @Test
  void captionLinesNameSimulatedThePromptTheLoraTheSeedAndTheSize() {
    List<String> lines = ImageRenderer.captionLines(768, 1024, CAPTION);

    assertThat(lines.get(0)).isEqualTo("simulated");
    assertThat(String.join(" ", lines.subList(1, lines.size() - 2))).isEqualTo(GECKO);
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .containsExactly("LoRA: gecko", "seed 42 · 768 × 1024");
  }

  @Test
  void captionWithoutSeedGivesTheSizeAlone() {
    List<String> lines = ImageRenderer.captionLines(512, 512,
        new Caption("upscale of https://example.com/cat.png", ImageRenderer.NO_LORA, null));

    assertThat(lines).endsWith("LoRA: none", "512 × 512");
  }

  @Test
  void longPromptIsWrappedToTheWidthAndShortenedWithAnEllipsis() {
    String prompt = "a gecko on a surfboard riding a wave at dusk ".repeat(100).strip();

    List<String> lines = ImageRenderer.captionLines(400, 600, new Caption(prompt, "gecko", "7"));
    List<String> promptLines = lines.subList(1, lines.size() - 2);

    assertThat(promptLines).hasSizeBetween(2, 6);
    assertThat(promptLines.get(promptLines.size() - 1)).endsWith("…");
    assertThat(prompt).startsWith(String.join(" ", promptLines).replace("…", ""));
    assertThat(lines).endsWith("LoRA: gecko", "seed 7 · 400 × 600");
  }

  @Test
  void drawnTextBrightensPixelsOverTheGradient() throws IOException {
    BufferedImage image = decode(new ImageRenderer().png(320, 256, CAPTION, ""));
    BufferedImage background = ImageRenderer.background(320, 256, CAPTION, "", 0);

    int top = textPixels(image.getSubimage(0, 0, 320, 40), background.getSubimage(0, 0, 320, 40));
    int bottom = textPixels(image.getSubimage(0, 128, 320, 128), background.getSubimage(0, 128, 320, 128));

    assertThat(top).as("pixels of 'simulated' in the top strip").isGreaterThan(50);
    assertThat(bottom).as("pixels of the prompt, LoRA and seed in the bottom panel").isGreaterThan(500);
  }

  @Test
  void differentPromptsLorasOrSeedsGiveDifferentPictures() throws IOException {
    ImageRenderer renderer = new ImageRenderer();
    byte[] gecko = renderer.png(128, 128, CAPTION, "");

    assertThat(renderer.png(128, 128, new Caption("a newt", "gecko", "42"), "")).isNotEqualTo(gecko);
    assertThat(renderer.png(128, 128, new Caption(GECKO, "newt", "42"), "")).isNotEqualTo(gecko);
    assertThat(renderer.png(128, 128, new Caption(GECKO, "gecko", "43"), "")).isNotEqualTo(gecko);
    assertThat(renderer.png(128, 128, CAPTION, "sample 1")).isNotEqualTo(gecko);
  }

  @Test
  void rendersThePictureOfTheRequestedSizeAgainFromAFreshRenderer() throws IOException {
    byte[] first = new ImageRenderer().png(680, 1024, CAPTION, "");
    byte[] second = new ImageRenderer().png(680, 1024, CAPTION, "");

    BufferedImage image = decode(first);

    assertThat(second).isEqualTo(first);
    assertThat(image.getWidth()).isEqualTo(680);
    assertThat(image.getHeight()).isEqualTo(1024);
  }

  @Test
  void keepsExactSizesFromOnePixelUp() throws IOException {
    ImageRenderer renderer = new ImageRenderer();
    for (int[] size : new int[][] {{1, 1}, {33, 17}, {8, 300}, {300, 8}, {64, 64}, {2048, 64}}) {
      BufferedImage image = decode(renderer.png(size[0], size[1], CAPTION, ""));

      assertThat(image.getWidth()).isEqualTo(size[0]);
      assertThat(image.getHeight()).isEqualTo(size[1]);
    }
  }

  @Test
  void aSixtyFourPixelSquareShowsSimulatedAndThePromptsStart() throws IOException {
    List<String> lines = ImageRenderer.captionLines(64, 64, CAPTION);
    BufferedImage image = decode(new ImageRenderer().png(64, 64, CAPTION, ""));

    assertThat(lines).hasSizeBetween(3, 5);
    assertThat(lines.get(0)).isEqualTo("simulated");
    assertThat(lines.get(1)).startsWith("A").endsWith("…");
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(64);
    assertThat(textPixels(image, ImageRenderer.background(64, 64, CAPTION, "", 0))).isGreaterThan(20);
  }

  @Test
  void drawsTheCaptionOnEveryGifFrame() throws IOException {
    byte[] gif = new ImageRenderer().gif(160, 120, 3, 10, new Caption("a dancing gecko", "none", "5"), "");

    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        BufferedImage frame = reader.read(i);
        assertThat(frame.getWidth()).isEqualTo(160);
        assertThat(frame.getHeight()).isEqualTo(120);
        assertThat(textPixels(toRgb(frame),
            ImageRenderer.background(160, 120, new Caption("a dancing gecko", "none", "5"), "", i)))
            .as("frame %d", i).isGreaterThan(100);
      }
      reader.dispose();
    }
  }

  private static BufferedImage toRgb(BufferedImage indexed) {
    BufferedImage rgb = new BufferedImage(indexed.getWidth(), indexed.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(indexed, 0, 0, null);
    return rgb;
  }

  @Test
  void withoutUsableFontsRendersTheBareGradientAndStopsTrying() throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    ImageRenderer fontless = new ImageRenderer((image, caption) -> {
      attempts.incrementAndGet();
      throw new UnsatisfiedLinkError("libfontmanager.so: libfreetype.so.6: cannot open shared object file");
    });

    BufferedImage first = decode(fontless.png(96, 64, CAPTION, ""));
    BufferedImage second = decode(fontless.png(96, 64, new Caption("a newt", "gecko", "1"), ""));

    BufferedImage background = ImageRenderer.background(96, 64, CAPTION, "", 0);
    assertThat(first.getWidth()).isEqualTo(96);
    assertThat(first.getHeight()).isEqualTo(64);
    assertThat(first.getRGB(0, 0, 96, 64, null, 0, 96)).isEqualTo(background.getRGB(0, 0, 96, 64, null, 0, 96));
    assertThat(second.getWidth()).isEqualTo(96);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void rejectsSizesBeyondTheLimitNamingTheValue() {
    ImageRenderer renderer = new ImageRenderer();

    assertThatThrownBy(() -> renderer.png(4097, 10, CAPTION, ""))
        .hasMessage("width must be between 1 and 4096, was 4097");
    assertThatThrownBy(() -> renderer.gif(10, 0, 2, 10, CAPTION, ""))
        .hasMessage("height must be between 1 and 4096, was 0");
  }
}
