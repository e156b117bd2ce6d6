package dev.lora4j.testkit.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts a request's credentials back into a simulator's JSON answer, the way a careless server
 * would: appended to every text field, as an {@code echo} query parameter of every URL, and in a
 * top-level {@code echo} field. Fields the protocol cannot do without (ids, statuses, exit codes)
 * and numbers written as text are left as they are, so the answer still means what it meant.
 */
public final class Echo {

  /** The field added to the top level of an answer. */
  public static final String FIELD = "echo";

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private Echo() {}

  /**
   * Echoes credentials into an answer.
   *
   * @param answer the answer; not changed
   * @param credentials the values to echo, in order; nothing is done when empty
   * @param kept the names of fields left as they are, at any depth
   * @return a changed copy, or {@code answer} itself when there is nothing to echo
   */
  public static JsonNode into(JsonNode answer, List<String> credentials, Set<String> kept) {
    if (credentials.isEmpty()) {
      return answer;
    }
    String echo = String.join(" ", credentials);
    JsonNode echoed = echoed(answer, echo, kept);
    if (echoed instanceof ObjectNode top) {
      top.put(FIELD, echo);
    }
    return echoed;
  }

  private static JsonNode echoed(JsonNode node, String echo, Set<String> kept) {
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), kept.contains(field.getKey()) ? field.getValue().deepCopy() : echoed(field.getValue(), echo, kept));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.array();
      node.forEach(element -> copy.add(echoed(element, echo, kept)));
      return copy;
    }
    if (node.isString() && !NUMBER.matcher(node.stringValue().strip()).matches()) {
      String text = node.stringValue();
      if (text.startsWith("http://") || text.startsWith("https://")) {
        return Json.string(text + (text.contains("?") ? "&" : "?") + FIELD + "="
            + URLEncoder.encode(echo, StandardCharsets.UTF_8));
      }
      return Json.string(text.isEmpty() ? echo : text + " " + echo);
    }
    return node.deepCopy();
  }
}
