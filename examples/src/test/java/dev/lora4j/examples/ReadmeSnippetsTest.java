package dev.lora4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every README code block marked {@code <!-- snippet: path -->} quotes the named example: its
 * lines appear in that file, in order. The examples are compiled and run by {@link ExamplesTest},
 * so a quoted snippet cannot rot.
 */
class ReadmeSnippetsTest {

  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyMarkedReadmeSnippetQuotesItsExample() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = SNIPPET.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      Path source = root.resolve(m.group(1));
      assertThat(source).as("the file a README snippet names").exists();
      List<String> code = Files.readAllLines(source).stream().map(String::strip).toList();
      int at = 0;
      for (String line : m.group(2).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
        int found = code.subList(at, code.size()).indexOf(line);
        assertThat(found).as("README line quoted from %s, in order: %s", m.group(1), line).isNotNegative();
        at += found + 1;
      }
      checked.add(m.group(1));
    }
    assertThat(checked).as("snippets found in the README").hasSizeGreaterThanOrEqualTo(5);
  }
}
