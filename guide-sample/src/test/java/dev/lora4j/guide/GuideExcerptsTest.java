package dev.lora4j.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/writing-a-provider.md} true to the sample: every {@code java} block of the
 * guide, unless the line before it is {@code <!-- not from the sample -->}, must appear line for
 * line (indentation aside) in one of the sample provider's files.
 */
class GuideExcerptsTest {

  private static final Path GUIDE = Path.of("..", "docs", "writing-a-provider.md");
  private static final Path SAMPLE = Path.of("src", "test", "java", "dev", "lora4j", "guide", "minipix");
  private static final String EXEMPT = "<!-- not from the sample -->";

  @Test
  void everyExcerptOfTheGuideIsCodeOfTheSample() throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.sorted().toList()) {
        sources.add(normalized(Files.readAllLines(file)));
      }
    }
    List<String> excerpts = excerpts(Files.readAllLines(GUIDE));

    assertThat(excerpts).as("the guide's excerpts").hasSizeGreaterThanOrEqualTo(8);
    for (String excerpt : excerpts) {
      assertThat(sources).as("a file of the sample containing\n%s", excerpt).anyMatch(source -> source.contains(excerpt));
    }
  }

  private static List<String> excerpts(List<String> guide) {
    List<String> excerpts = new ArrayList<>();
    for (int i = 0; i < guide.size(); i++) {
      if (guide.get(i).equals("```java") && (i == 0 || !guide.get(i - 1).equals(EXEMPT))) {
        int end = guide.subList(i + 1, guide.size()).indexOf("```") + i + 1;
        excerpts.add(normalized(guide.subList(i + 1, end)));
        i = end;
      }
    }
    return excerpts;
  }

  /** The lines stripped and joined, blank lines dropped, with a newline after each. */
  private static String normalized(List<String> lines) {
    return lines.stream().map(String::strip).filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n", "\n", "\n"));
  }
}
