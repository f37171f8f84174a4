package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  static final Skill GET_PRICE = Skill.builder("shop:get_price", "get_price", "shop",
      "What is the price of \"{item}\"").parameters(List.of(new Skill.Parameter("item", "string",
          List.of("Blue Ceramic Mug"))))
      .steps(List.of(new Action.Click(role("link", "{item}"))))
      .reads(new Reading("paragraph", null, "{item} costs", "", Reading.shapeOf("$12.00")))
      .build();

  @Test
  void a_skill_never_takes_a_name_the_server_keeps_for_its_own_tools() {
    Skill clash = SEARCH.toBuilder().named("shop:search_skills", "search_skills").build();

    assertThat(SkillExport.tools(List.of(clash), Set.of("search_skills", "run_task")))
        .extracting(SkillExport.Tool::name).containsExactly("search_skills_2");
  }

  @Test
  void the_java_export_compiles_against_playwright() throws Exception {
    String java = SkillExport.playwrightJava(List.of(SEARCH, OPEN, GET_PRICE),
        "SkillwrightSkills");
    Path src = dir.resolve("SkillwrightSkills.java");
    Files.writeString(src, java);

    var out = new java.io.ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, out, out, "-d", dir.toString(),
        "-cp", System.getProperty("java.class.path"), src.toString());

    assertThat(rc).as(out + "\n" + java).isZero();
    assertThat(dir.resolve("SkillwrightSkills.class")).exists();
    assertThat(java).contains("public static void searchForQuery(Page page, String query)",
        "searchForQuery(page, query);", "String pageArg", "page.getByText(pageArg)",
        "public static String getPrice(Page page, String item)", "return read(page, ",
        "Returns the value after");
  }

  /** Site text that closes comments and literals, if the export let it. */
  static final String HALT = "\\u002a/ static { Runtime.getRuntime().halt(66); } /\\u002a";
  static final String NASTY = HALT + " */ \" \\\" \\ \n\r// \u0000 \u2028 \\u000a"
      + " halt(67); \\u0022 + halt(68) + \\u0022 @param {@code x} é";
  static final Skill HOSTILE = new Skill(1, "evil:" + NASTY, NASTY, "evil",
      NASTY + " {value} {nope}",
      List.of(new Skill.Parameter("value", "string", List.of(NASTY)),
          new Skill.Parameter("page", "string", List.of()),
          new Skill.Parameter(NASTY, "string", List.of(NASTY)),
          new Skill.Parameter("va lue", "string", List.of())),
      List.of(new Action.Fill(new Target(null, "textbox", NASTY, List.of(
              new LocatorCandidate(LocatorCandidate.Strategy.LABEL, NASTY, null))),
              NASTY + "{value}" + NASTY),
          new Action.Click(role("button", NASTY + "{page}")),
          new Action.Click(new Target(null, "link", "x", List.of(
              new LocatorCandidate(LocatorCandidate.Strategy.CSS, NASTY, null)))),
          new Action.Goto(NASTY),
          new Action.Answer(NASTY)),
      NASTY, SuccessSignal.none(), List.of(NASTY), List.of());

  @Test
  void a_hostile_skill_exports_as_data_and_runs_nothing_but_its_steps() throws Exception {
    Skill twin = new Skill(1, "evil:twin", NASTY, "evil", "twin", List.of(), List.of(
        new Action.UseSkill(HOSTILE.id(), Map.of("value", NASTY))), "*/", SuccessSignal.none(),
        List.of(), List.of());
    String source = SkillExport.playwrightJava(List.of(HOSTILE, twin), "Hostile");
    assertThat(source.chars()).as("printable ASCII only").allMatch(c -> c == '\n'
        || c >= 0x20 && c < 0x7f);
    Path src = dir.resolve("Hostile.java");
    Files.writeString(src, source);
    var out = new java.io.ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, out, out, "-d", dir.toString(),
        "-cp", System.getProperty("java.class.path"), src.toString());
    assertThat(rc).as(out + "\n" + source).isZero();

    // load it and run every skill in a child JVM: an injected halt() would end it with 66..68
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        ExportRunner.class.getName(), dir.toString(), "Hostile").redirectErrorStream(true)
        .start();
    String printed = new String(child.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(child.waitFor()).as(printed + "\n" + source).isZero();

    List<List<String>> calls = new java.util.ArrayList<>();
    for (String line : printed.lines().toList()) {
      calls.add(Json.mapper().readValue(line, new com.fasterxml.jackson.core.type
          .TypeReference<List<String>>() {}));
    }
    // the first skill in method order is the hostile one; its steps ran with the text intact
    int start = calls.indexOf(calls.stream().filter(c -> c.get(0).equals("skill")).findFirst()
        .orElseThrow());
    List<List<String>> hostile = calls.subList(start + 1, calls.size()).stream()
        .takeWhile(c -> !c.get(0).equals("skill")).toList();
    assertThat(hostile).containsExactly(
        List.of("getByLabel", NASTY), List.of("first"), List.of("fill", NASTY + "arg1" + NASTY),
        List.of("getByRole", "BUTTON", "name=" + NASTY + "arg2"), List.of("first"),
        List.of("click"),
        List.of("locator", NASTY), List.of("first"), List.of("click"),
        List.of("navigate", NASTY));
    // the twin calls the hostile skill with its value, the other arguments empty
    assertThat(calls).contains(List.of("fill", NASTY + NASTY + NASTY));
    assertThat(calls.stream().filter(c -> c.get(0).equals("skill")).count()).isEqualTo(2);
  }

  @Test
  void a_hostile_tool_schema_is_json_with_names_in_the_allowed_pattern() throws Exception {
    Skill clash = new Skill(1, "evil:other", NASTY, "evil", "x", List.of(), List.of(), "*/",
        SuccessSignal.none(), List.of(), List.of());
    JsonNode schema = Json.mapper().readTree(SkillExport.toolSchema(List.of(HOSTILE, clash)));
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode tool : schema.path("tools")) {
      JsonNode fn = tool.path("function");
      names.add(fn.path("name").asText());
      assertThat(fn.path("description").asText()).isNotEmpty();
      fn.path("parameters").path("properties").fieldNames().forEachRemaining(n ->
          assertThat(n).matches("[a-zA-Z0-9_-]{1,64}"));
      assertThat(fn.path("parameters").path("required")).hasSameSizeAs(
          fn.path("parameters").path("properties"));
    }
    assertThat(schema.path("tools").get(0).path("function").path("description").asText())
        .startsWith(NASTY);
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-zA-Z0-9_-]{1,64}"));
    assertThat(schema.path("tools").get(0).path("function").path("parameters")
        .path("properties").size()).isEqualTo(4);
  }

  @Test
  void the_tool_schema_validates_and_accepts_the_examples() throws Exception {
    JsonNode schema = Json.mapper().readTree(SkillExport.toolSchema(List.of(SEARCH, OPEN)));
    SchemaRegistry factory = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta = factory.getSchema(SchemaLocation.of(
        "https://json-schema.org/draft/2020-12/schema"));

    assertThat(schema.path("tools")).hasSize(2);
    for (JsonNode tool : schema.path("tools")) {
      JsonNode fn = tool.path("function");
      assertThat(tool.path("type").asText()).isEqualTo("function");
      assertThat(fn.path("name").asText()).matches("[a-zA-Z0-9_-]{1,64}");
      JsonNode params = fn.path("parameters");
      assertThat(meta.validate(params)).as(params.toString()).isEmpty();
      Schema toolSchema = factory.getSchema(params);
      JsonNode example = Json.mapper().createObjectNode();
      params.path("properties").fields().forEachRemaining(e -> ((com.fasterxml.jackson.databind
          .node.ObjectNode) example).put(e.getKey(), e.getValue().path("examples").get(0)
          .asText()));
      assertThat(toolSchema.validate(example)).isEmpty();
      assertThat(toolSchema.validate(Json.mapper().createObjectNode())).as("args are required")
          .isNotEmpty();
    }
  }

  @Test
  void each_tool_names_its_skill_and_is_the_schema_entry_in_its_place() throws Exception {
    Skill clash = new Skill(1, "evil:other", NASTY, "evil", "x", List.of(), List.of(), "*/",
        SuccessSignal.none(), List.of(), List.of());
    List<Skill> skills = List.of(HOSTILE, clash, SEARCH);

    List<SkillExport.Tool> tools = SkillExport.tools(skills);

    assertThat(tools).extracting(SkillExport.Tool::skill).containsExactlyElementsOf(skills);
    JsonNode schema = Json.mapper().readTree(SkillExport.toolSchema(skills));
    for (int i = 0; i < tools.size(); i++) {
      JsonNode fn = schema.path("tools").get(i).path("function");
      assertThat(fn.path("name").asText()).isEqualTo(tools.get(i).name());
      assertThat(fn.path("parameters")).isEqualTo(tools.get(i).parameters());
      assertThat(fn.path("x-side-effect").asText()).isEqualTo(tools.get(i).sideEffect());
    }
    // the hostile skill and its clash share a name that only one tool may have
    assertThat(tools.get(0).name()).isNotEqualTo(tools.get(1).name());
  }
}
