package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.ImageRenderer;
import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import dev.lora4j.testkit.internal.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools the Wiro simulator serves: the seed's {@code wiro/text-to-image-flux-lora-fast} with its
 * input schema and validation, and generic tools registered by tests.
 */
final class WiroTools {

  static final String FLUX_LORA_FAST = "wiro/text-to-image-flux-lora-fast";

  /** A business error: HTTP 200, {@code result: false}, one error with this code and message. */
  static final class BusinessError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    BusinessError(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** What a run renders: {@code samples} PNGs of a size, in {@code steps}, saying {@code caption}. */
  record Render(int width, int height, int samples, int steps, Caption caption) {
  }

  /** A servable tool. */
  interface Tool {
    String slug();

    String modelId();

    /** The tool's description, as {@code Tool/Detail} gives it and a task's {@code modeldescription}. */
    String description();

    /** The seed's {@code categories}: a JSON array serialised into a string. */
    String categoriesText();

    /** Validates the inputs of a run. */
    Render validate(JsonNode inputs);

    /** The {@code tool} element of {@code Tool/Detail}. */
    ObjectNode detail();
  }

  private WiroTools() {
  }

  /**
   * The tools a simulator serves: the seed's tool, then a generic tool per slug, in order.
   *
   * @param slugs the extra tools' {@code owner/tool} slugs, checked by the builder
   * @return the tools by slug
   */
  static Map<String, Tool> catalogue(List<String> slugs) {
    Map<String, Tool> known = new LinkedHashMap<>();
    known.put(FLUX_LORA_FAST, new FluxLoraFast());
    for (String slug : slugs) {
      known.put(slug, new Generic(slug, Integer.toString(2000 + known.size())));
    }
    return Map.copyOf(known);
  }

  static BusinessError invalid(String message) {
    return new BusinessError(0, message);
  }

  /** A number input: absent or empty text means the default; a JSON number or numeric text. */
  static double number(JsonNode inputs, String name, double defaultValue, double min, double max) {
    JsonNode value = inputs.get(name);
    if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
      return defaultValue;
    }
    double n;
    if (value.isNumber()) {
      n = value.doubleValue();
    } else if (value.isString()) {
      try {
        n = Double.parseDouble(value.stringValue().trim());
      } catch (NumberFormatException e) {
        throw invalid("Request parameter [" + name + "] must be integer or float");
      }
    } else {
      throw invalid("Request parameter [" + name + "] must be integer or float");
    }
    if (!(n >= min && n <= max)) {
      throw invalid("Request parameter [" + name + "] must be between " + format(min) + " and " + format(max));
    }
    return n;
  }

  private static String format(double n) {
    return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
  }

  static @Nullable String text(JsonNode inputs, String name) {
    JsonNode value = inputs.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw invalid("Request parameters are invalid.");
    }
    return value.asString();
  }

  /** The seed's FLUX LoRA tool. */
  static final class FluxLoraFast implements Tool {

    static final int MIN_SIZE = 64;
    static final int MAX_SIZE = 2048;

    private record Lora(String value, String label, String description, List<String> triggerWords, String settingId) {
    }

    private static final List<Lora> CATALOG = List.of(
        new Lora("678", "FreshIdeas/Movie-poster-style-LoRA-Flux v1.0",
            "Generate images using Flux and Movie poster style LoRA",
            List.of("FRESH IDEAS Movie poster style"), "Movie-poster-style-LoRA-Flux-v1.0"),
        new Lora("1239", "WizardWhitebeard/Dreamy-Vista-Soft-Color-Pencil-Drawings",
            "Dreamy Vista - Soft Color Pencil Drawings",
            List.of("w1z_dreamy_vista style illustration"), "Dreamy-Vista-Soft-Color-Pencil-Drawings"),
        new Lora("1236", "WizardWhitebeard/Vintage-Comic-Book-Cover-Sci-fi-Pulp",
            "Vintage Comic Book Cover Sci-fi Pulp",
            List.of("vintage comic book cover", "1950s pulp art style"),
            "Vintage-Comic-Book-Cover-Sci-fi-Pulp"),
        new Lora("1328", "ChronoKnight/WPAP-ART-Style", "WPAP ART Style", List.of("wp4p"), "WPAP-ART-Style"),
        new Lora("1214", "WizardWhitebeard/Vintage-Mascot-Logotypes", "Vintage Mascot Logotypes",
            List.of("vintage mascot logotype"), "Vintage-Mascot-Logotypes"));

    static final String DEFAULT_PROMPT = "vintage matchbox artwork, A retro matchbox label depicting a lion "
        + "roaring under a starry African night sky, framed with decorative vintage borders and textured "
        + "printing effects.";

    @Override
    public String slug() {
      return FLUX_LORA_FAST;
    }

    @Override
    public String modelId() {
      return "1001";
    }

    @Override
    public String description() {
      return "Flux is a tool that generates images from text descriptions. With LoRA models, you can enhance "
          + "your Flux model generation.";
    }

    @Override
    public String categoriesText() {
      return "[\"tool\",\"text-to-image\",\"bf16\",\"lora-flux\",\"persistent\",\"fast-interface\"]";
    }

    @Override
    public Render validate(JsonNode inputs) {
      String prompt = text(inputs, "prompt");
      if (prompt == null || prompt.isBlank()) {
        throw invalid("Request parameter [prompt] required");
      }
      int steps = (int) number(inputs, "steps", 20, 1, 50);
      number(inputs, "scale", 3.5, 0, 20);
      int samples = (int) number(inputs, "samples", 1, 1, 4);
      int width = (int) number(inputs, "width", 1024, MIN_SIZE, MAX_SIZE);
      int height = (int) number(inputs, "height", 1024, MIN_SIZE, MAX_SIZE);
      String seed = text(inputs, "seed");
      JsonNode lora = inputs.get("selectedLoraModel");
      if (lora != null && !lora.isNull() && !lora.isValueNode()
          && !(lora.isArray() && lora.size() <= 1 && (lora.isEmpty() || lora.get(0).isValueNode()))) {
        throw invalid("Request parameter [selectedLoraModel] must be a model id");
      }
      String privateModel = text(inputs, "selectedLoraModelPrivate");
      String privateUrl = text(inputs, "selectedLoraModelPrivateUrl");
      text(inputs, "callbackUrl");
      return new Render(width, height, samples, steps, new Caption(prompt, loraLabel(lora, privateModel, privateUrl),
          seed == null || seed.isBlank() ? "3572004920" : seed));
    }

    /**
     * The LoRA as an image names it: a catalog id with its label (an id outside the catalog
     * alone), else the private URL's file name, else the private model, else "none".
     */
    private static String loraLabel(@Nullable JsonNode selected, @Nullable String privateModel,
        @Nullable String privateUrl) {
      JsonNode id = selected != null && selected.isArray() ? selected.get(0) : selected;
      if (id != null && !id.isNull() && !id.asString().isBlank()) {
        String value = id.asString().strip();
        return CATALOG.stream().filter(entry -> entry.value().equals(value)).findFirst()
            .map(entry -> value + " " + entry.label())
            .orElse(value);
      }
      if (privateUrl != null && !privateUrl.isBlank()) {
        String path = privateUrl.strip().replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
      }
      if (privateModel != null && !privateModel.isBlank()) {
        return privateModel.strip();
      }
      return ImageRenderer.NO_LORA;
    }

    @Override
    public ObjectNode detail() {
      ObjectNode tool = Json.object();
      tool.put("id", modelId());
      tool.put("title", "FLUX.1 [dev] with LoRA, fast");
      tool.put("slugowner", "wiro");
      tool.put("slugproject", "text-to-image-flux-lora-fast");
      tool.put("cleanslugowner", "wiro");
      tool.put("cleanslugproject", "text-to-image-flux-lora-fast");
      tool.put("description", description());
      tool.put("image", "https://cdn.wiro.ai/uploads/models/wiro-text-to-image-flux-lora-fast-cover.png");
      tool.set("categories", Json.parse(categoriesText()));
      ArrayNode items = Json.array();
      ObjectNode lora = item(items, "selectedLoraModel", "select", "select-lora-model", false, "655");
      ArrayNode options = lora.putArray("options");
      for (Lora entry : CATALOG) {
        ObjectNode option = options.addObject();
        option.put("value", entry.value());
        option.put("label", entry.label());
        option.put("description", entry.description());
        ArrayNode words = option.putArray("triggerwords");
        entry.triggerWords().forEach(words::add);
        ObjectNode setting = option.putArray("generatesettings").addObject();
        setting.put("type", "float");
        setting.put("template", "");
        setting.put("id", entry.settingId());
        setting.put("placeholder", entry.settingId() + " scale");
        setting.put("label", entry.settingId() + " scale");
        setting.put("minvalue", "0.00");
        setting.put("maxvalue", "1");
        setting.put("value", "1.0");
        setting.put("defaultvalue", "1.0");
        setting.put("incrementby", "0.1");
        setting.putArray("options");
        setting.put("note", "");
      }
      item(items, "selectedLoraModelPrivate", "select", "select-lora-model-private", false, "")
          .putArray("options");
      item(items, "selectedLoraModelPrivateUrl", "text", "LoRA Model Url", false, "");
      item(items, "prompt", "textarea", "prompt", true, DEFAULT_PROMPT);
      range(item(items, "steps", "number", "inferencesteps", false, "20"), "1", "50", "1");
      range(item(items, "scale", "float", "guidancescale", false, "3.5"), "0", "20", "0.1");
      range(item(items, "samples", "number", "Samples", false, "1"), "1", "4", "1");
      item(items, "seed", "text", "seed", false, "3572004920");
      range(item(items, "width", "number", "width", false, "1024"),
          Integer.toString(MIN_SIZE), Integer.toString(MAX_SIZE), "1");
      range(item(items, "height", "number", "height", false, "1024"),
          Integer.toString(MIN_SIZE), Integer.toString(MAX_SIZE), "1");
      ObjectNode group = Json.object();
      group.put("title", "");
      group.put("subtitle", "");
      group.set("items", items);
      tool.putArray("parameters").add(group);
      return tool;
    }

    private static ObjectNode item(ArrayNode items, String id, String type, String label, boolean required,
        String defaultValue) {
      ObjectNode item = items.addObject();
      item.put("id", id);
      item.put("type", type);
      item.put("label", label);
      item.put("required", required);
      item.put("advanced", false);
      item.put("default", defaultValue);
      return item;
    }

    /**
     * An input's range as {@code Tool/Detail} names it, {@code min}, {@code max} and {@code step},
     * as JSON numbers (Wiro's clients read them as numbers); {@code minvalue} and {@code maxvalue}
     * are the names inside a LoRA's {@code generatesettings} only.
     */
    private static void range(ObjectNode item, String min, String max, String step) {
      item.put("min", new BigDecimal(min));
      item.put("max", new BigDecimal(max));
      item.put("step", new BigDecimal(step));
    }
  }

  /**
   * A tool registered by a test: accepts any inputs and renders one 256 x 256 PNG from
   * {@code prompt} (else the inputs' JSON) and {@code seed}.
   */
  record Generic(String slug, String modelId) implements Tool {

    @Override
    public String description() {
      return "A generic tool registered with the Wiro simulator.";
    }

    @Override
    public String categoriesText() {
      return "[\"tool\"]";
    }

    @Override
    public Render validate(JsonNode inputs) {
      String prompt = text(inputs, "prompt");
      String seed = text(inputs, "seed");
      return new Render(256, 256, 1, 20,
          new Caption(prompt == null ? Json.write(inputs) : prompt, ImageRenderer.NO_LORA, seed));
    }

    @Override
    public ObjectNode detail() {
      int slash = slug.indexOf('/');
      ObjectNode tool = Json.object();
      tool.put("id", modelId);
      tool.put("title", slug);
      tool.put("slugowner", slug.substring(0, slash));
      tool.put("slugproject", slug.substring(slash + 1));
      tool.put("cleanslugowner", slug.substring(0, slash));
      tool.put("cleanslugproject", slug.substring(slash + 1));
      tool.put("description", description());
      tool.set("categories", Json.parse(categoriesText()));
      ObjectNode group = tool.putArray("parameters").addObject();
      group.put("title", "");
      group.put("subtitle", "");
      ObjectNode prompt = group.putArray("items").addObject();
      prompt.put("id", "prompt");
      prompt.put("type", "textarea");
      prompt.put("label", "prompt");
      prompt.put("required", false);
      prompt.put("advanced", false);
      prompt.put("default", "");
      return tool;
    }
  }
}
