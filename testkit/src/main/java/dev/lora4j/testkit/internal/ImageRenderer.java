package dev.lora4j.testkit.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders real, deterministic images that say what they are: a gradient whose colours derive
 * from the caption, with the word "simulated", the prompt, the LoRA, the seed and the size drawn
 * over it. The same arguments always give the same bytes on one machine (the glyphs come from the
 * JVM's fonts); another prompt, LoRA or seed gives another picture.
 *
 * <p>The caption is fitted to the size: the font scales with the width, the prompt is wrapped and
 * shortened with "…", and on small images only what fits is drawn, in the order "simulated", the
 * prompt, the LoRA, the seed and size. Rendering works headless. When the JVM cannot draw text
 * (no usable font, as in slim containers), images show the gradient alone and one warning is
 * logged per renderer.
 *
 * <p>Rendering is CPU work: call it off the event loop. Thread-safe; keeps a small bounded cache.
 */
public final class ImageRenderer {

  /** The largest width or height accepted. */
  public static final int MAX_DIMENSION = 4096;

  /** The LoRA of a caption when the request names none. */
  public static final String NO_LORA = "none";

  private static final Logger LOG = LoggerFactory.getLogger(ImageRenderer.class);
  private static final int CACHE_ENTRIES = 32;

  /**
   * What an image says about the task that made it.
   *
   * @param prompt the prompt, or what else the image was made from
   * @param lora the LoRA as the request named it, or {@value ImageRenderer#NO_LORA}
   * @param seed the seed, or {@code null} for a request without one
   */
  public record Caption(String prompt, String lora, @Nullable String seed) {

    /**
     * Checks the arguments.
     *
     * @throws NullPointerException if {@code prompt} or {@code lora} is null
     */
    public Caption {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(lora, "lora");
    }
  }

  /** Draws a caption into an image. A test replaces it to play a JVM without fonts. */
  @FunctionalInterface
  interface CaptionPainter {
    void paint(BufferedImage image, Caption caption);
  }

  private record Key(String kind, int width, int height, int frames, int delayCentis, Caption caption,
      String variant) {
  }

  private final Map<Key, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  private final CaptionPainter painter;
  private final AtomicBoolean textFailed = new AtomicBoolean();

  /** Creates a renderer that draws captions with Java2D. */
  public ImageRenderer() {
    this(Captions::paint);
  }

  ImageRenderer(CaptionPainter painter) {
    this.painter = painter;
  }

  /**
   * Renders a PNG.
   *
   * @param width 1 to {@value #MAX_DIMENSION}
   * @param height 1 to {@value #MAX_DIMENSION}
   * @param caption what the picture says, and derives from
   * @param variant what else the picture derives from without drawing it, such as a sample
   *     index; may be empty
   * @return the PNG bytes; the caller must not modify them
   * @throws IllegalArgumentException if a dimension is out of range
   */
  public byte[] png(int width, int height, Caption caption, String variant) {
    checkDimensions(width, height);
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(variant, "variant");
    return cached(new Key("png", width, height, 1, 0, caption, variant), () -> {
      BufferedImage image = frame(width, height, caption, digest(caption, variant), 0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        if (!ImageIO.write(image, "png", out)) {
          throw new IllegalStateException("no PNG writer available");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    });
  }

  /**
   * Renders a looping animated GIF, the caption drawn on every frame.
   *
   * @param width 1 to {@value #MAX_DIMENSION}
   * @param height 1 to {@value #MAX_DIMENSION}
   * @param frames how many frames, at least 1
   * @param delayCentis delay between frames in hundredths of a second, at least 1
   * @param caption what the animation says, and derives from
   * @param variant what else the animation derives from without drawing it; may be empty
   * @return the GIF bytes; the caller must not modify them
   * @throws IllegalArgumentException if an argument is out of range
   */
  public byte[] gif(int width, int height, int frames, int delayCentis, Caption caption, String variant) {
    checkDimensions(width, height);
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be at least 1, was " + frames);
    }
    if (delayCentis < 1) {
      throw new IllegalArgumentException("delayCentis must be at least 1, was " + delayCentis);
    }
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(variant, "variant");
    return cached(new Key("gif", width, height, frames, delayCentis, caption, variant),
        () -> writeGif(width, height, frames, delayCentis, caption, digest(caption, variant)));
  }

  /** The lines the caption of an image of this size shows, top to bottom. */
  static List<String> captionLines(int width, int height, Caption caption) {
    return Captions.lines(width, height, caption);
  }

  /** The picture without its caption, as drawn beneath it. */
  static BufferedImage background(int width, int height, Caption caption, String variant, int frame) {
    return paint(width, height, digest(caption, variant), frame);
  }

  /**
   * One picture: the gradient, then the caption. If the caption cannot be drawn (a JVM without
   * usable fonts signals an {@link Error}, an {@link UnsatisfiedLinkError} or a
   * {@link NoClassDefFoundError} from its font code), the gradient alone, and text is not tried
   * again.
   */
  private BufferedImage frame(int width, int height, Caption caption, byte[] digest, int phase) {
    BufferedImage image = paint(width, height, digest, phase);
    if (textFailed.get()) {
      return image;
    }
    try {
      painter.paint(image, caption);
      return image;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (textFailed.compareAndSet(false, true)) {
        LOG.warn("cannot draw text on simulated images, so they show no caption (install fonts, such as "
            + "fontconfig and DejaVu, to get one): {}", e.toString());
      }
      return paint(width, height, digest, phase);
    }
  }

  private interface Render {
    byte[] render();
  }

  private byte[] cached(Key key, Render render) {
    synchronized (cache) {
      byte[] hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    byte[] bytes = render.render();
    synchronized (cache) {
      cache.put(key, bytes);
    }
    return bytes;
  }

  private static void checkDimensions(int width, int height) {
    if (width < 1 || width > MAX_DIMENSION) {
      throw new IllegalArgumentException("width must be between 1 and " + MAX_DIMENSION + ", was " + width);
    }
    if (height < 1 || height > MAX_DIMENSION) {
      throw new IllegalArgumentException("height must be between 1 and " + MAX_DIMENSION + ", was " + height);
    }
  }

  private static byte[] digest(Caption caption, String variant) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {caption.prompt(), caption.lora(),
          Objects.requireNonNullElse(caption.seed(), ""), variant}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * A diagonal gradient between two colours from the digest, crossed by bands of a third colour
   * whose spacing and angle also come from the digest; {@code phase} shifts the bands per frame.
   */
  private static BufferedImage paint(int width, int height, byte[] d, int phase) {
    int[] from = {d[0] & 0xff, d[1] & 0xff, d[2] & 0xff};
    int[] to = {d[3] & 0xff, d[4] & 0xff, d[5] & 0xff};
    int[] band = {d[6] & 0xff, d[7] & 0xff, d[8] & 0xff};
    int ax = 1 + (d[9] & 0x0f);
    int ay = 1 + (d[10] & 0x0f);
    int spacing = 8 + (d[11] & 0x3f);
    int thickness = 2 + (d[12] & 0x07);
    long span = (long) ax * width + (long) ay * height;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        long along = (long) ax * x + (long) ay * y;
        int t = (int) (along * 255 / span);
        int r = from[0] + (to[0] - from[0]) * t / 255;
        int g = from[1] + (to[1] - from[1]) * t / 255;
        int b = from[2] + (to[2] - from[2]) * t / 255;
        if (Math.floorMod(x * ay - y * ax + phase * spacing / 4, spacing) < thickness) {
          r = (r + band[0]) / 2;
          g = (g + band[1]) / 2;
          b = (b + band[2]) / 2;
        }
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  private byte[] writeGif(int width, int height, int frames, int delayCentis, Caption caption, byte[] d) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      ImageWriteParam param = writer.getDefaultWriteParam();
      for (int i = 0; i < frames; i++) {
        BufferedImage frame = frame(width, height, caption, d, i);
        IIOMetadata metadata = writer.getDefaultImageMetadata(
            ImageTypeSpecifier.createFromRenderedImage(frame), param);
        animate(metadata, delayCentis, i == 0);
        writer.writeToSequence(new IIOImage(frame, null, metadata), param);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Sets the frame delay and, on the first frame, the NETSCAPE2.0 loop-forever extension. */
  private static void animate(IIOMetadata metadata, int delayCentis, boolean first) throws IIOInvalidTreeException {
    String format = metadata.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCentis));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode extensions = child(root, "ApplicationExtensions");
      IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
      loop.setAttribute("applicationID", "NETSCAPE");
      loop.setAttribute("authenticationCode", "2.0");
      loop.setUserObject(new byte[] {0x1, 0x0, 0x0});
      extensions.appendChild(loop);
    }
    metadata.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
