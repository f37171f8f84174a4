package dev.skillwright.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.trajectories.Json;
import java.io.IOException;

/**
 * Reads the one JSON object a model was asked for, forgiving what models add around it: code
 * fences and a sentence before or after.
 */
public final class ModelJson {
  private ModelJson() {}

  /**
   * The first complete JSON object in {@code text}.
   *
   * @throws ModelOutputException naming what is wrong, for a corrective re-ask
   */
  public static JsonNode object(String text) {
    if (text == null || text.isBlank()) {
      throw new ModelOutputException("the reply is empty");
    }
    int start = text.indexOf('{');
    if (start < 0) {
      throw new ModelOutputException("the reply holds no JSON object");
    }
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        try {
          return Json.mapper().readTree(text.substring(start, i + 1));
        } catch (IOException e) {
          throw new ModelOutputException("the JSON object does not parse: "
              + firstLine(e.getMessage()));
        }
      }
    }
    throw new ModelOutputException("the JSON object is cut off (the reply may have hit its "
        + "token limit)");
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
