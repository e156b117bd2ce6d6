package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Lays a caption out for one image size and draws it with Java2D: a dark strip at the top with
 * "simulated", and a dark panel at the bottom with the prompt, the LoRA, the seed and the size,
 * light text on both so that any gradient stays readable beneath.
 */
final class Captions {

  private static final String SIMULATED = "simulated";

  private static final String ELLIPSIS = "…";
  private static final int MIN_FONT = 8;
  private static final int MAX_FONT = 40;
  private static final int PROMPT_LINES = 6;
  private static final int LORA_LINES = 3;
  private static final int DETAIL_LINES = 2;
  /** Past this many characters a prompt cannot fit in {@link #PROMPT_LINES} lines of any width. */
  private static final int PROMPT_CHARS = 2_000;

  private static final Color SHADE = new Color(0, 0, 0, 150);
  private static final Color BANNER_TEXT = new Color(255, 204, 51);
  private static final Color PROMPT_TEXT = Color.WHITE;
  private static final Color DETAIL_TEXT = new Color(215, 215, 215);

  private enum Style { BANNER, PROMPT, DETAIL }

  private record Line(String text, Style style) {
  }

  /** A caption fitted to a size: font size, padding, and the lines, the top strip's first. */
  private record Layout(int fontSize, int padding, List<Line> lines) {
  }

  private Captions() {
  }

  /** Draws the caption that fits into the image. */
  static void paint(BufferedImage image, Caption caption) {
    Graphics2D g = image.createGraphics();
    try {
      configure(g);
      Layout layout = layout(image.getWidth(), image.getHeight(), caption, g);
      if (layout.lines().isEmpty()) {
        return;
      }
      Font plain = font(Font.PLAIN, layout.fontSize());
      Font bold = font(Font.BOLD, layout.fontSize());
      int lineHeight = g.getFontMetrics(plain).getHeight();
      int pad = layout.padding();
      int width = image.getWidth();
      g.setColor(SHADE);
      g.fillRect(0, 0, width, lineHeight + pad);
      List<Line> panel = layout.lines().subList(1, layout.lines().size());
      int panelTop = image.getHeight() - panel.size() * lineHeight - 2 * pad;
      if (!panel.isEmpty()) {
        g.fillRect(0, panelTop, width, image.getHeight() - panelTop);
      }
      g.setFont(bold);
      g.setColor(BANNER_TEXT);
      g.drawString(layout.lines().get(0).text(), pad, pad / 2 + g.getFontMetrics(bold).getAscent());
      g.setFont(plain);
      int baseline = panelTop + pad + g.getFontMetrics(plain).getAscent();
      for (Line line : panel) {
        g.setColor(line.style() == Style.PROMPT ? PROMPT_TEXT : DETAIL_TEXT);
        g.drawString(line.text(), pad, baseline);
        baseline += lineHeight;
      }
    } finally {
      g.dispose();
    }
  }

  /** The text of the lines {@link #paint} draws on an image of this size, top to bottom. */
  static List<String> lines(int width, int height, Caption caption) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      configure(g);
      return layout(width, height, caption, g).lines().stream().map(Line::text).toList();
    } finally {
      g.dispose();
    }
  }

  private static void configure(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
  }

  private static Font font(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }

  /**
   * Fits the caption: the font scales with the width; the caption takes at most half the height,
   * or four lines where half holds fewer (a small image would otherwise say almost nothing), and
   * lines are given out in order of importance: "simulated", one line each of prompt, LoRA and
   * seed with size, then the rest of the seed with size and of the LoRA, then the rest of the
   * prompt.
   */
  private static Layout layout(int width, int height, Caption caption, Graphics2D g) {
    int size = Math.max(MIN_FONT, Math.min(MAX_FONT, width / 24));
    int pad = Math.max(2, size / 2);
    FontMetrics plain = g.getFontMetrics(font(Font.PLAIN, size));
    FontMetrics bold = g.getFontMetrics(font(Font.BOLD, size));
    int lineHeight = plain.getHeight();
    int textWidth = width - 2 * pad;
    int fitting = (height - 3 * pad) / lineHeight;
    int budget = Math.min(fitting, Math.max(4, height / 2 / lineHeight));
    List<Line> lines = new ArrayList<>();
    String banner = fit(SIMULATED, bold, textWidth);
    if (budget < 1 || banner.isEmpty()) {
      return new Layout(size, pad, lines);
    }
    lines.add(new Line(banner, Style.BANNER));

    String prompt = caption.prompt().strip();
    if (prompt.length() > PROMPT_CHARS) {
      prompt = prompt.substring(0, PROMPT_CHARS);
    }
    List<String> promptWords = words(prompt);
    List<String> loraWords = words("LoRA: " + caption.lora());
    List<String> details = new ArrayList<>();
    if (caption.seed() != null) {
      details.add("seed " + caption.seed());
    }
    details.add(width + " × " + height);

    int[] wanted = {
      wrap(promptWords, " ", PROMPT_LINES, textWidth, plain).size(),
      wrap(loraWords, " ", LORA_LINES, textWidth, plain).size(),
      wrap(details, " · ", DETAIL_LINES, textWidth, plain).size()};
    int[] given = new int[3];
    int left = budget - 1;
    for (int block = 0; block < 3 && left > 0; block++) {
      given[block] = Math.min(1, wanted[block]);
      left -= given[block];
    }
    for (int block : new int[] {2, 1, 0}) {
      int more = Math.min(left, wanted[block] - given[block]);
      given[block] += more;
      left -= more;
    }
    wrap(promptWords, " ", given[0], textWidth, plain).forEach(text -> lines.add(new Line(text, Style.PROMPT)));
    wrap(loraWords, " ", given[1], textWidth, plain).forEach(text -> lines.add(new Line(text, Style.DETAIL)));
    wrap(details, " · ", given[2], textWidth, plain).forEach(text -> lines.add(new Line(text, Style.DETAIL)));
    return new Layout(size, pad, lines);
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
  }

  /**
   * Packs tokens greedily into at most {@code maxLines} lines of {@code maxWidth} pixels, joined
   * by {@code separator}; a token wider than a line is broken; if tokens are left over, the last
   * line ends with "…". Lines that would hold nothing but part of "…" are left out.
   */
  private static List<String> wrap(List<String> tokens, String separator, int maxLines, int maxWidth, FontMetrics metrics) {
    List<String> lines = new ArrayList<>();
    if (maxLines < 1 || tokens.isEmpty()) {
      return lines;
    }
    Deque<String> queue = new ArrayDeque<>(tokens);
    String line = "";
    while (!queue.isEmpty() && lines.size() < maxLines) {
      String token = queue.poll();
      String candidate = line.isEmpty() ? token : line + separator + token;
      if (metrics.stringWidth(candidate) <= maxWidth) {
        line = candidate;
      } else if (!line.isEmpty()) {
        lines.add(line);
        line = "";
        queue.push(token);
      } else {
        int cut = breakPoint(token, metrics, maxWidth);
        if (cut == 0) {
          return List.of();
        }
        lines.add(token.substring(0, cut));
        if (cut < token.length()) {
          queue.push(token.substring(cut));
        }
      }
    }
    if (!line.isEmpty()) {
      if (lines.size() < maxLines) {
        lines.add(line);
      } else {
        queue.push(line);
      }
    }
    if (!queue.isEmpty()) {
      String last = withEllipsis(lines.remove(lines.size() - 1), metrics, maxWidth);
      if (!last.isEmpty()) {
        lines.add(last);
      }
    }
    return lines;
  }

  /** The text if it fits, else as much of it as fits followed by "…", else empty. */
  private static String fit(String text, FontMetrics metrics, int maxWidth) {
    return metrics.stringWidth(text) <= maxWidth ? text : withEllipsis(text, metrics, maxWidth);
  }

  private static String withEllipsis(String text, FontMetrics metrics, int maxWidth) {
    int end = text.length();
    while (end > 0 && metrics.stringWidth(text.substring(0, end).stripTrailing() + ELLIPSIS) > maxWidth) {
      end = previous(text, end);
    }
    String kept = text.substring(0, end).stripTrailing();
    if (kept.endsWith("·")) {
      kept = kept.substring(0, kept.length() - 1).stripTrailing();
    }
    String shortened = kept + ELLIPSIS;
    return metrics.stringWidth(shortened) <= maxWidth ? shortened : "";
  }

  /**
   * Where to break a token too wide for a line: after the last '/' or '-' that fits, unless that
   * would leave the line less than half full, else after the last char that fits.
   */
  private static int breakPoint(String token, FontMetrics metrics, int maxWidth) {
    int cut = longestFittingPrefix(token, metrics, maxWidth);
    int soft = Math.max(token.lastIndexOf('/', cut - 1), token.lastIndexOf('-', cut - 1)) + 1;
    return soft > cut / 2 ? soft : cut;
  }

  /** How many leading chars of the text fit, never splitting a surrogate pair. */
  private static int longestFittingPrefix(String text, FontMetrics metrics, int maxWidth) {
    int low = 0;
    int high = text.length();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (metrics.stringWidth(text.substring(0, mid)) <= maxWidth) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low > 0 && low < text.length() && Character.isHighSurrogate(text.charAt(low - 1)) ? low - 1 : low;
  }

  private static int previous(String text, int end) {
    return end >= 2 && Character.isLowSurrogate(text.charAt(end - 1)) && Character.isHighSurrogate(text.charAt(end - 2))
        ? end - 2
        : end - 1;
  }
}
