package dev.lora4j.wiro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The LoRA catalog of {@code wiro/text-to-image-flux-lora-fast}, as its tool page (seed 004) lists
 * it: the value sent as {@code selectedLoraModel}, the label Wiro shows, and the trigger words that
 * make the LoRA take effect in a prompt.
 *
 * <pre>{@code
 * FluxLoraFast.builder()
 *     .lora(WiroLora.MOVIE_POSTER)
 *     .promptWithTriggerWords("a lighthouse keeper and his cat")
 *     .build();
 * // prompt: "FRESH IDEAS Movie poster style, a lighthouse keeper and his cat"
 * }</pre>
 *
 * Each entry also has a strength setting from 0 to 1 (default 1.0) on Wiro's page, whose wire name
 * Wiro does not document; it is left at its default.
 */
public enum WiroLora {
  /** 678, {@code FreshIdeas/Movie-poster-style-LoRA-Flux v1.0}: movie poster style. */
  MOVIE_POSTER("678", "FreshIdeas/Movie-poster-style-LoRA-Flux v1.0", "FRESH IDEAS Movie poster style"),
  /** 1239, {@code WizardWhitebeard/Dreamy-Vista-Soft-Color-Pencil-Drawings}: soft colour pencil drawings. */
  DREAMY_VISTA("1239", "WizardWhitebeard/Dreamy-Vista-Soft-Color-Pencil-Drawings", "w1z_dreamy_vista style illustration"),
  /** 1236, {@code WizardWhitebeard/Vintage-Comic-Book-Cover-Sci-fi-Pulp}: 1950s sci-fi pulp covers. */
  VINTAGE_COMIC_BOOK_COVER("1236", "WizardWhitebeard/Vintage-Comic-Book-Cover-Sci-fi-Pulp",
      "vintage comic book cover", "1950s pulp art style"),
  /** 1328, {@code ChronoKnight/WPAP-ART-Style}: WPAP (Wedha's pop art portrait) style. */
  WPAP_ART("1328", "ChronoKnight/WPAP-ART-Style", "wp4p"),
  /** 1214, {@code WizardWhitebeard/Vintage-Mascot-Logotypes}: vintage mascot logos. */
  VINTAGE_MASCOT_LOGOTYPES("1214", "WizardWhitebeard/Vintage-Mascot-Logotypes", "vintage mascot logotype");

  private final String id;
  private final String label;
  private final List<String> triggerWords;

  WiroLora(String id, String label, String... triggerWords) {
    this.id = id;
    this.label = label;
    this.triggerWords = List.of(triggerWords);
  }

  /**
   * Returns the catalog id, sent as {@code selectedLoraModel}.
   *
   * @return the id, such as {@code 678}
   */
  public String id() {
    return id;
  }

  /**
   * Returns the label Wiro shows for the model.
   *
   * @return the label, such as {@code FreshIdeas/Movie-poster-style-LoRA-Flux v1.0}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the words that trigger the LoRA's style in a prompt.
   *
   * @return an immutable list, in the catalog's order
   */
  public List<String> triggerWords() {
    return triggerWords;
  }

  /**
   * Puts this model's trigger words in front of a prompt, leaving out those it already contains
   * (ignoring case), separated by {@code ", "}.
   *
   * @param prompt the prompt
   * @return the prompt with the trigger words, or {@code prompt} unchanged when it has them all
   */
  public String withTriggerWords(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    String lower = prompt.toLowerCase(Locale.ROOT);
    List<String> missing = new ArrayList<>();
    for (String word : triggerWords) {
      if (!lower.contains(word.toLowerCase(Locale.ROOT))) {
        missing.add(word);
      }
    }
    if (missing.isEmpty()) {
      return prompt;
    }
    String words = String.join(", ", missing);
    return prompt.isBlank() ? words : words + ", " + prompt.strip();
  }

  /**
   * Finds a catalog model by its id ({@code 678}) or its label, ignoring case and surrounding
   * spaces.
   *
   * @param idOrLabel the id or label
   * @return the model, or empty when it is not in the catalog
   */
  public static Optional<WiroLora> find(String idOrLabel) {
    Objects.requireNonNull(idOrLabel, "idOrLabel");
    String wanted = idOrLabel.strip();
    for (WiroLora lora : values()) {
      if (lora.id.equals(wanted) || lora.label.equalsIgnoreCase(wanted)) {
        return Optional.of(lora);
      }
    }
    return Optional.empty();
  }

  /**
   * Lists the catalog for messages.
   *
   * @return {@code 678 (FreshIdeas/Movie-poster-style-LoRA-Flux v1.0), 1239 (...), ...}
   */
  public static String catalog() {
    StringJoiner j = new StringJoiner(", ");
    for (WiroLora lora : values()) {
      j.add(lora.id + " (" + lora.label + ")");
    }
    return j.toString();
  }
}
