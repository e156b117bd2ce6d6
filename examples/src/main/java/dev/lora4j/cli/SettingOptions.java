package dev.lora4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --option KEY=VALUE}: any setting a provider declares, by its option name. */
final class SettingOptions {

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "Set a provider setting by its option name, such as wiro.tracking=polling; repeatable."
          + " 'lora4j providers' lists each provider's settings.")
  List<String> options = new ArrayList<>();

  /**
   * The settings by option name, the last one winning.
   *
   * @throws IllegalArgumentException if one is not {@code KEY=VALUE}; the message never repeats
   *     the text, which may hold a secret
   */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--option takes KEY=VALUE, such as wiro.tracking=polling"
            + " (the text given is not repeated: it may hold a secret)");
      }
      String key = option.substring(0, eq).strip();
      String value = option.substring(eq + 1).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException("--option " + key + " has no value");
      }
      settings.put(key, value);
    }
    return settings;
  }
}
