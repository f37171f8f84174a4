package dev.skillwright.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One case of the wild corpus (test resource {@code wild/cases.json}): a page, the configuration
 * it reads from its query string, the instruction the agent is given, the instruction's shape, and
 * two scripted runs that prove the page: {@code oracle} (the right actions, reward 1) and
 * {@code wrong} (a plausible mistake, reward 0).
 *
 * <p>A step is {@code [op, selector, value?]}; op is click, fill, type (key by key), press, focus,
 * check, uncheck or select (values split on {@code |}); a selector is {@code role:ROLE:NAME} (exact
 * accessible name), {@code role:ROLE}, or any Playwright selector.
 */
record WildCase(String id, String shape, String page, String instruction, boolean showInstruction,
    JsonNode config, List<List<String>> oracle, List<List<String>> wrong) {

  WildCase {
    requireNonNull(id, "id");
    requireNonNull(shape, "shape");
    requireNonNull(page, "page");
    requireNonNull(instruction, "instruction");
    requireNonNull(config, "config");
    oracle = List.copyOf(oracle);
    wrong = List.copyOf(wrong);
  }

  /** Every case in the corpus, in file order. */
  static List<WildCase> load() {
    try (InputStream in = WildCase.class.getResourceAsStream("/wild/cases.json")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource wild/cases.json");
      }
      JsonNode root = Json.mapper().readTree(in);
      List<WildCase> out = new ArrayList<>();
      for (JsonNode n : root) {
        out.add(new WildCase(n.path("id").asText(), n.path("shape").asText(),
            n.path("page").asText(), n.path("instruction").asText(),
            n.path("showInstruction").asBoolean(false), n.path("config"), steps(n.path("oracle")),
            steps(n.path("wrong"))));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read wild/cases.json: " + e.getMessage(), e);
    }
  }

  private static List<List<String>> steps(JsonNode array) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode step : array) {
      List<String> parts = new ArrayList<>();
      step.forEach(p -> parts.add(p.asText()));
      out.add(List.copyOf(parts));
    }
    return out;
  }

  /**
   * The page's address under {@code base} for one run of this case, reporting under
   * {@code scoreKey}: the configuration travels base64url-encoded, as MiniWoB's pages get theirs
   * from the harness rather than from visible text.
   */
  String url(String base, String scoreKey) {
    ObjectNode cfg = config.deepCopy();
    if (showInstruction) {
      cfg.put("query", instruction);
    }
    String encoded;
    try {
      encoded = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(Json.compact().writeValueAsBytes(cfg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return base + page + "?case=" + URLEncoder.encode(scoreKey, StandardCharsets.UTF_8)
        + "&cfg=" + encoded;
  }
}
