package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported skills compile against Playwright, and the tool schema validates. */
class SkillExportTest {
  @TempDir
  Path dir;

  static Target role(String role, String name) {
    return new Target(null, role, name, List.of(LocatorCandidate.role(role, name)));
  }

  static final Skill SEARCH = new Skill(1, "shop:search-for-query", "search-for-query", "shop",
      "Search for \"{query}\"", List.of(new Skill.Parameter("query", "string", List.of("mug"))),
      List.of(new Action.Fill(role("searchbox", "Search \"products\""), "{query}"),
          new Action.Press(role("searchbox", "Search \"products\""), "Enter")), "*/",
      SuccessSignal.none(), List.of("Search for \"mug\"."), List.of());
  static final Skill OPEN = new Skill(1, "shop:search-for-query-then-open-page",
      "search-for-query-then-open-page", "shop", "Search for \"{query}\", then open \"{page}\"",
      List.of(new Skill.Parameter("query", "string", List.of("mug")),
          new Skill.Parameter("page", "string", List.of("Blue Ceramic Mug"))),
      List.of(new Action.UseSkill("shop:search-for-query", Map.of("query", "{query}")),
          new Action.Click(new Target(null, "link", "{page}", List.of(
              new LocatorCandidate(LocatorCandidate.Strategy.TEXT, "{page}", null)))),
          new Action.Select(new Target(null, "combobox", "Sort by", List.of(
              new LocatorCandidate(LocatorCandidate.Strategy.LABEL, "Sort by", null))), "Name"),
          new Action.Check(new Target(null, "checkbox", "x", List.of(
              new LocatorCandidate(LocatorCandidate.Strategy.CSS, "main > input", null))), true),
          new Action.Wait(200), new Action.Back(), new Action.Goto("/cart")),
      "*/", SuccessSignal.none(), List.of(), List.of());

  @Test
  void the_java_export_compiles_against_playwright() throws Exception {
    String java = SkillExport.playwrightJava(List.of(SEARCH, OPEN), "SkillwrightSkills");
    Path src = dir.resolve("SkillwrightSkills.java");
    Files.writeString(src, java);

    var out = new java.io.ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, out, out, "-d", dir.toString(),
        "-cp", System.getProperty("java.class.path"), src.toString());

    assertThat(rc).as(out + "\n" + java).isZero();
    assertThat(dir.resolve("SkillwrightSkills.class")).exists();
    assertThat(java).contains("public static void searchForQuery(Page page, String query)",
        "searchForQuery(page, query);", "String pageArg", "page.getByText(pageArg)");
  }

  @Test
  void the_tool_schema_validates_and_accepts_the_examples() throws Exception {
    JsonNode schema = Json.mapper().readTree(SkillExport.toolSchema(List.of(SEARCH, OPEN)));
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    JsonSchema meta = factory.getSchema(java.net.URI.create(
        "https://json-schema.org/draft/2020-12/schema"));

    assertThat(schema.path("tools")).hasSize(2);
    for (JsonNode tool : schema.path("tools")) {
      JsonNode fn = tool.path("function");
      assertThat(tool.path("type").asText()).isEqualTo("function");
      assertThat(fn.path("name").asText()).matches("[a-zA-Z0-9_-]{1,64}");
      JsonNode params = fn.path("parameters");
      assertThat(meta.validate(params)).as(params.toString()).isEmpty();
      JsonSchema toolSchema = factory.getSchema(params);
      JsonNode example = Json.mapper().createObjectNode();
      params.path("properties").fields().forEachRemaining(e -> ((com.fasterxml.jackson.databind
          .node.ObjectNode) example).put(e.getKey(), e.getValue().path("examples").get(0)
          .asText()));
      assertThat(toolSchema.validate(example)).isEmpty();
      assertThat(toolSchema.validate(Json.mapper().createObjectNode())).as("args are required")
          .isNotEmpty();
    }
  }
}
