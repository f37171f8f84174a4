package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Replay with no model, on the shop it was recorded on and on its drifted v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {
  @TempDir
  static Path data;
  List<String> recorded;

  @BeforeAll
  void record() {
    // every step pictured, as a crawl for training data is: the export test reads the images
    Cli crawl = Cli.run("crawl", "--env", "shop", "--budget", "12", "--seed", "5",
        "--explore", "0", "--step-screenshots", "--data-dir", data.toString());
    assertThat(crawl.exit()).as(crawl.err()).isZero();
    Store store = Store.at(data);
    recorded = store.trajectoryFiles().stream().map(store::readTrajectory)
        .filter(Trajectory::succeeded).map(Trajectory::episodeId).sorted().toList();
  }

  /** What the last replay printed, and its document when it ran with {@code --json}. */
  Cli ran;
  JsonNode printed;

  /**
   * Runs {@code replay} with {@code args}; what a person reads goes to standard output, or with
   * {@code --json} to standard error, and then standard output holds one JSON document alone.
   *
   * @return what a person reads
   */
  String runReplay(List<String> args) throws java.io.IOException {
    List<String> all = new java.util.ArrayList<>(List.of("replay"));
    all.addAll(args);
    all.addAll(List.of("--data-dir", data.toString()));
    ran = Cli.run(all.toArray(String[]::new));
    if (!args.contains("--json")) {
      assertThat(ran.err()).isEmpty();
      printed = null;
      return ran.out();
    }
    assertThat(ran.err()).contains("Verdict: ").doesNotContain("skillwright: ");
    printed = Json.mapper().readTree(ran.out());
    return ran.err();
  }

  /** A text field of a {@code --json} document; null where it holds null. */
  static String text(JsonNode doc, String field) {
    assertThat(doc.has(field)).as(field + " in " + doc).isTrue();
    return doc.get(field).isNull() ? null : doc.get(field).asText();
  }

  Trajectory replay(String... args) throws java.io.IOException {
    Store store = Store.at(data);
    List<Path> before = store.trajectoryFiles();
    runReplay(List.of(args));
    Path added = store.trajectoryFiles().stream().filter(f -> !before.contains(f)).findFirst()
        .orElseThrow();
    return store.readTrajectory(added);
  }

  /** Replays {@code ids} in one command (one session, one browser); the replays, in order. */
  List<Trajectory> replayAll(List<String> ids, String... args) throws java.io.IOException {
    Store store = Store.at(data);
    List<Path> before = store.trajectoryFiles();
    List<String> all = new java.util.ArrayList<>(ids);
    all.addAll(List.of(args));
    assertThat(runReplay(all)).contains("Replayed " + ids.size() + " episodes: ");
    List<Trajectory> added = store.trajectoryFiles().stream().filter(f -> !before.contains(f))
        .map(store::readTrajectory).toList();
    assertThat(added).extracting(Trajectory::replayOf).containsExactlyElementsOf(ids);
    return added;
  }

  @Test
  void a_dozen_recorded_episodes_replay_with_zero_model_calls() throws Exception {
    assertThat(recorded).hasSizeGreaterThanOrEqualTo(11);
    Map<Path, String> library = skillFiles();
    List<Trajectory> replays = replayAll(recorded);
    for (int i = 0; i < recorded.size(); i++) {
      String id = recorded.get(i);
      Trajectory t = replays.get(i);
      assertThat(t.succeeded()).as(id + ": " + t.verdict().reason()).isTrue();
      assertThat(t.replayOf()).isEqualTo(id);
      assertThat(t.usage().calls()).isZero();
      assertThat(t.repairs()).isEmpty();
      // a step that finds its locator needs no look at the page: only the final page is shot
      assertThat(t.steps()).allSatisfy(s -> assertThat(s.screenshotFile()).isNull());
      assertThat(t.finalScreenshotFile()).isNotNull();
      assertThat(t.steps()).filteredOn(s -> s.action().target() != null)
          .allSatisfy(s -> assertThat(s.matchedBy()).isIn("role", "label", "placeholder", "text",
              "test_id", "css"));
    }
    // a replay uses what was learned; it learns nothing itself
    assertThat(skillFiles()).as("the skill files after the replays").isEqualTo(library);
  }

  /** Every skill file (not the derived index) and its bytes, as text. */
  static Map<Path, String> skillFiles() throws java.io.IOException {
    Path dir = Store.at(data).skillsDir();
    Map<Path, String> files = new TreeMap<>();
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json")
          && !dir.relativize(p).startsWith("index")).toList()) {
        files.put(dir.relativize(p), java.nio.file.Files.readString(p));
      }
    }
    assertThat(files).as("skills to compare").isNotEmpty();
    return files;
  }

  /** With {@code --json}: the figures as one document too, which agrees with the trajectories. */
  @Test
  void on_the_drifted_v2_steps_heal_and_the_figures_are_reported() throws Exception {
    Map<String, Integer> foundBy = new TreeMap<>();
    int steps = 0;
    int healed = 0;
    int unhealed = 0;
    int succeeded = 0;
    List<Trajectory> lastV2 = replayAll(recorded, "--variant", "v2", "--json");
    for (Trajectory t : lastV2) {
      succeeded += t.succeeded() ? 1 : 0;
      healed += t.repairs().size();
      for (Step s : t.steps()) {
        if (s.action().isFinal()) {
          unhealed += s.action() instanceof dev.skillwright.trajectories.Action.GiveUp ? 1 : 0;
          continue;
        }
        if (s.ok() && s.action().target() != null) {
          steps++;
          boolean repaired = t.repairs().stream().anyMatch(r -> r.step() == s.index());
          foundBy.merge(repaired ? "healed (offline matcher)" : s.matchedBy(), 1, Integer::sum);
        }
      }
    }
    System.out.printf("v2 drift: %d/%d replays succeeded; %d steps ran: %s; %d steps healed, "
        + "%d could not heal%n", succeeded, recorded.size(), steps, foundBy, healed, unhealed);
    assertThat(healed).isPositive();
    // a lost step is healed from a look at the page, which the trajectory keeps: the text the
    // offline matcher read (a screenshot is taken when a model heals, which looks at one)
    for (Trajectory t : lastV2) {
      for (Trajectory.Repair r : t.repairs()) {
        assertThat(t.steps().get(r.step()).snapshotFile()).as(t.episodeId()).isNotNull();
        assertThat(t.steps().get(r.step()).screenshotFile()).as(t.episodeId()).isNull();
      }
    }
    // every replay that did not meet a step it could not heal succeeded
    assertThat(succeeded).isEqualTo(recorded.size() - unhealed);
    assertThat(foundBy).containsKey("healed (offline matcher)");

    assertThat(ran.exit()).isEqualTo(succeeded == recorded.size() ? 0 : 1);
    assertThat(text(printed, "session")).isEqualTo(lastV2.get(0).sessionId());
    assertThat(printed.get("success").asBoolean()).isEqualTo(succeeded == recorded.size());
    assertThat(printed.get("replayed").asInt()).isEqualTo(recorded.size());
    assertThat(printed.get("succeeded").asInt()).isEqualTo(succeeded);
    assertThat(printed.get("healedSteps").asInt()).isEqualTo(healed);
    assertThat(printed.get("modelCalls").asInt()).isZero();
    assertThat(printed.get("replays")).hasSize(recorded.size());
    for (int i = 0; i < recorded.size(); i++) {
      Trajectory t = lastV2.get(i);
      JsonNode r = printed.get("replays").get(i);
      assertThat(text(r, "replayOf")).isEqualTo(recorded.get(i));
      assertThat(text(r, "trajectory")).isEqualTo(t.episodeId());
      assertThat(r.get("success").asBoolean()).isEqualTo(t.succeeded());
      assertThat(text(r, "reason")).isEqualTo(t.verdict().reason());
      assertThat(text(r, "answer")).isEqualTo(t.answer());
      assertThat(text(r, "finalUrl")).isEqualTo(t.finalUrl());
      assertThat(r.get("healedSteps").asInt()).isEqualTo(t.repairs().size());
      assertThat(Path.of(text(r, "trajectoryFile")))
          .isEqualTo(Store.at(data).findEpisode(t.episodeId()).orElseThrow());
    }
  }

  @Test
  void a_healed_skill_is_re_verified_written_back_and_then_works_on_v2() throws Exception {
    // v2 recases "Add to cart" and moves it into another box: none of its locators finds it
    String id = "shop:add_to_cart_then_open_cart";
    Map<Path, String> library = skillFiles();
    Skill before;
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      before = index.get(id).orElseThrow();
    }
    String item = before.parameters().get(0).examples().get(0);
    Trajectory first = replay("skill", id, "--arg", "item=" + item, "--variant", "v2", "--json");
    assertThat(first.succeeded()).as(first.verdict().reason()).isTrue();
    assertThat(first.repairs()).extracting(r -> r.from().name()).contains("Add to cart");
    assertThat(first.replayOf()).isEqualTo("skill:" + id);

    Skill after;
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      after = index.get(id).orElseThrow();
    }
    assertThat(after.steps()).isNotEqualTo(before.steps());
    assertThat(after.steps()).anySatisfy(a -> assertThat(a.target().name())
        .isEqualTo("Add to Cart"));
    assertThat(after.provenance()).hasSize(before.provenance().size() + 1);
    // what --json printed: this replay, and the skill as the library holds it now
    assertThat(ran.exit()).isZero();
    assertThat(text(printed, "skill")).isEqualTo(id);
    assertThat(text(printed, "replayOf")).isEqualTo("skill:" + id);
    assertThat(text(printed, "session")).isEqualTo(first.sessionId());
    assertThat(text(printed, "trajectory")).isEqualTo(first.episodeId());
    assertThat(printed.get("success").asBoolean()).isTrue();
    assertThat(text(printed, "reason")).isEqualTo(first.verdict().reason());
    assertThat(text(printed, "answer")).isEqualTo(first.answer());
    assertThat(text(printed, "finalUrl")).isEqualTo(first.finalUrl());
    assertThat(printed.get("healedSteps").asInt()).isEqualTo(first.repairs().size()).isPositive();
    assertThat(printed.get("rewritten").asBoolean()).isTrue();
    assertThat(text(printed, "status"))
        .isEqualTo(after.status().name().toLowerCase(java.util.Locale.ROOT));
    // the healed skill's own file is the one change to the library
    Map<Path, String> now = skillFiles();
    assertThat(now.keySet()).isEqualTo(library.keySet());
    assertThat(now.keySet()).filteredOn(p -> !now.get(p).equals(library.get(p)))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("add_to_cart_then_open_cart.json");

    Trajectory again = replay("skill", id, "--arg", "item=" + item, "--variant", "v2");
    assertThat(again.succeeded()).as(again.verdict().reason()).isTrue();
    assertThat(again.repairs()).isEmpty();
  }

  /**
   * This class's crawl of the shop and a small one with another seed, merged into a third data
   * directory: one library in which no skill is doubled, each skill with every verification
   * (one per moment and episode, the last ten) and every provenance of both sides, and the
   * sessions of both.
   */
  @Test
  void skills_merge_of_two_crawls_with_other_seeds_doubles_nothing_and_keeps_both_sides(
      @TempDir Path temp) {
    Path other = temp.resolve("seed-9");
    Path merged = temp.resolve("merged");
    // small: three tasks, three pages of context, no trace
    Cli crawl = Cli.run("crawl", "--env", "shop", "--budget", "3", "--seed", "9", "--pages", "3",
        "--explore", "0", "--no-trace", "--data-dir", other.toString());
    assertThat(crawl.exit()).as(crawl.err()).isZero();
    List<Skill> ours = SkillIndex.read(Store.at(data).skillsDir(), n -> { });
    List<Skill> theirs = SkillIndex.read(Store.at(other).skillsDir(), n -> { });

    Cli merge = Cli.run("skills", "merge", data.toString(), other.toString(), "--data-dir",
        merged.toString());

    assertThat(merge.exit()).as(merge.err()).isZero();
    List<Skill> all;
    try (SkillIndex index = SkillIndex.open(Store.at(merged).skillsDir())) {
      all = index.list(null);
    }
    assertThat(all).extracting(k -> k.site() + " " + k.signature()).doesNotHaveDuplicates();
    assertThat(all).extracting(k -> k.site() + " " + k.description()).doesNotHaveDuplicates();
    // each skill of either side lives on in the one merged skill that holds its provenance
    Map<String, List<Skill>> from = new TreeMap<>();
    for (Skill k : java.util.stream.Stream.concat(ours.stream(), theirs.stream()).toList()) {
      List<String> episodes = k.provenance().stream().map(Skill.Provenance::episodeId).toList();
      List<Skill> holders = all.stream().filter(m -> m.provenance().stream()
          .map(Skill.Provenance::episodeId).toList().containsAll(episodes)).toList();
      assertThat(holders).as(k.id() + " from " + episodes).hasSize(1);
      from.computeIfAbsent(holders.get(0).id(), id -> new java.util.ArrayList<>()).add(k);
    }
    assertThat(from.keySet()).containsExactlyInAnyOrderElementsOf(
        all.stream().map(Skill::id).toList());
    // the crawls found some of the same skills: those were merged, not doubled
    assertThat(from.values()).anySatisfy(sides -> assertThat(sides)
        .anyMatch(ours::contains).anyMatch(theirs::contains));
    assertThat(all.size()).isLessThan(ours.size() + theirs.size());
    for (Skill m : all) {
      List<String> expected = from.get(m.id()).stream().flatMap(k -> k.verifications().stream())
          .sorted(java.util.Comparator.comparing(Skill.Verification::at,
              java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
          .map(ReplayTest::key).distinct().toList();
      assertThat(m.verifications()).as(m.id()).extracting(ReplayTest::key)
          .containsExactlyInAnyOrderElementsOf(
              expected.subList(Math.max(0, expected.size() - 10), expected.size()));
    }
    List<String> sessions = Store.at(merged).sessions().stream().map(r -> r.id()).toList();
    assertThat(sessions).containsAll(Store.at(data).sessions().stream().map(r -> r.id())
        .toList()).containsAll(Store.at(other).sessions().stream().map(r -> r.id()).toList());
  }

  /** What tells two verifications apart: their moment and episode. */
  static String key(Skill.Verification v) {
    return v.at() + " " + v.episode();
  }

  @Test
  void an_information_skill_gives_back_the_price_the_site_shows_in_replay_and_as_java()
      throws Exception {
    Skill price;
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      price = index.list("shop").stream().filter(s -> s.reads() != null && s.offered())
          .findFirst().orElseThrow(() -> new AssertionError("the crawl taught no verified skill "
              + "that reads an answer: " + index.list("shop").stream().map(Skill::id).toList()));
    }
    assertThat(price.name()).isEqualTo("get_price");
    Map<String, String> prices = dev.skillwright.envs.Sites.shopPrices();
    // an item the skill was never run with, of another price than its examples
    String item = prices.keySet().stream()
        .filter(n -> !price.parameters().get(0).examples().contains(n))
        .filter(n -> price.parameters().get(0).examples().stream()
            .noneMatch(e -> prices.get(n).equals(prices.get(e))))
        .findFirst().orElseThrow();

    Cli replayed = Cli.run("replay", "skill", "get_price", "--arg", "item=" + item,
        "--data-dir", data.toString());
    assertThat(replayed.exit()).as(replayed.out() + replayed.err()).isZero();
    assertThat(replayed.out()).contains("Answer: " + prices.get(item) + "\n");

    // the exported Java returns it too, run by Playwright against a shop of its own
    Path src = Files.createTempDirectory("skillwright-java");
    Cli export = Cli.run("skills", "export", "--format", "playwright-java", "--site", "shop",
        "--out", src.resolve("SkillwrightSkills.java").toString(), "--data-dir", data.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    String java = Files.readString(src.resolve("SkillwrightSkills.java"));
    assertThat(java).contains("public static String getPrice(Page page, String item)");
    var errors = new java.io.ByteArrayOutputStream();
    int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-d",
        src.toString(), "-cp", System.getProperty("java.class.path"),
        src.resolve("SkillwrightSkills.java").toString());
    assertThat(rc).as(errors.toString()).isZero();
    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {src.toUri().toURL()},
            getClass().getClassLoader());
        dev.skillwright.envs.Site shop = dev.skillwright.envs.Sites.start("shop");
        com.microsoft.playwright.Playwright pw = com.microsoft.playwright.Playwright.create()) {
      var browser = pw.chromium().launch(new com.microsoft.playwright.BrowserType.LaunchOptions()
          .setExecutablePath(dev.skillwright.browser.Chromium.resolve(null,
              dev.skillwright.browser.Chromium.Environment.system(), true).executable())
          .setArgs(List.of("--no-sandbox", "--disable-gpu")));
      com.microsoft.playwright.Page page = browser.newPage();
      page.navigate(shop.baseUrl());
      Object read = loader.loadClass("SkillwrightSkills")
          .getMethod("getPrice", com.microsoft.playwright.Page.class, String.class)
          .invoke(null, page, item);
      assertThat(read).isEqualTo(prices.get(item));
    }
  }

  @Test
  void every_episode_has_a_trace_and_trace_says_how_to_open_it() {
    Path dir = Store.at(data).findEpisode(recorded.get(0)).orElseThrow().getParent();
    assertThat(dir.resolve("trace.zip")).isNotEmptyFile();

    Cli c = Cli.run("trace", recorded.get(0), "--data-dir", data.toString());
    assertThat(c.exit()).isZero();
    assertThat(c.out()).contains(dir.resolve("trace.zip").toString(),
        "npx playwright show-trace", "show-trace --host 127.0.0.1 --port 9323");
  }

  @Test
  void the_sft_export_keeps_the_shortest_successes_as_chat_examples() throws Exception {
    Path out = data.resolve("sft.jsonl");
    Cli c = Cli.run("export", "--format", "sft-jsonl", "--share", "0.5", "--out", out.toString(),
        "--data-dir", data.toString());

    assertThat(c.exit()).as(c.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).isNotEmpty();
    Store store = Store.at(data);
    // a reader, as a fine-tuning script would be: every image resolves from the export file's
    // folder, every reply parses as the policy's own, its ref on the page the step saw
    for (String line : lines) {
      JsonNode ex = Json.mapper().readTree(line);
      JsonNode m = ex.path("messages");
      assertThat(m).hasSize(3);
      assertThat(m.get(0).path("role").asText()).isEqualTo("system");
      assertThat(m.get(1).path("content").get(0).path("text").asText()).contains("Task: ",
          "<<<PAGE");
      String image = m.get(1).path("content").get(1).path("image").asText();
      assertThat(Path.of(image)).isRelative();
      assertThat(out.getParent().resolve(image)).isRegularFile();
      Path episode = store.findEpisode(ex.path("episode").asText()).orElseThrow().getParent();
      Trajectory t = store.readTrajectory(episode.resolve(Store.TRAJECTORY_FILE));
      assertThat(t.replayOf()).as("a replay is not training data").isNull();
      dev.skillwright.trajectories.Step step = t.steps().get(ex.path("step").asInt());
      dev.skillwright.trajectories.Action a = dev.skillwright.agent.TrainingExamples.readAction(
          m.get(2).path("content").asText(), Files.readString(episode.resolve(
              step.snapshotFile())));
      assertThat(a).isEqualTo(step.skill() != null ? step.skill()
          : a.target() == null ? step.action() : step.action().withTarget(a.target()));
      if (a.target() != null) {
        assertThat(a.target().ref()).isEqualTo(step.action().target().ref()).isNotNull();
      }
    }
    // per task, the shortest ceil(share x n) successes are kept, counted from the store itself
    Map<String, List<Trajectory>> successes = store.trajectoryFiles().stream()
        .map(store::readTrajectory).filter(t -> t.succeeded() && t.replayOf() == null)
        .collect(Collectors.groupingBy(t -> t.task().instruction()));
    java.util.Set<String> exported = new java.util.HashSet<>();
    for (String line : lines) {
      exported.add(Json.mapper().readTree(line).path("episode").asText());
    }
    int expected = 0;
    for (List<Trajectory> same : successes.values()) {
      int keep = (int) Math.ceil(0.5 * same.size());
      expected += keep;
      int longestKept = same.stream().mapToInt(t -> t.steps().size()).sorted().skip(keep - 1)
          .findFirst().orElseThrow();
      same.stream().filter(t -> exported.contains(t.episodeId())).forEach(t ->
          assertThat(t.steps().size()).as(t.episodeId()).isLessThanOrEqualTo(longestKept));
    }
    assertThat(exported).hasSize(expected);
  }

  @Test
  void bad_replay_input_gets_one_line_and_a_non_zero_exit() throws Exception {
    Path newer = data.resolve("newer.json");
    Path original = Store.at(data).findEpisode(recorded.get(0)).orElseThrow();
    Files.writeString(newer, Files.readString(original).replace("\"schemaVersion\" : 1",
        "\"schemaVersion\" : 2"));
    String dir = data.toString();
    String skill = "shop:search_products_then_open_item";

    assertOneLine(Cli.run("replay", "zzzz-999", "--data-dir", dir), "no episode 'zzzz-999'");
    assertOneLine(Cli.run("replay", newer.toString(), "--data-dir", dir),
        "expected schemaVersion 1, found 2 (written by a newer Skillwright)");
    assertOneLine(Cli.run("replay", "skill", skill, "--arg", "query=mug", "--data-dir", dir),
        "needs --arg item=");
    assertOneLine(Cli.run("replay", "skill", skill, "--arg", "query=mug", "--arg", "item=x",
        "--arg", "colour=red", "--data-dir", dir), "has no parameter 'colour'; it takes: item, query");
    assertOneLine(Cli.run("replay", "skill", "nope", "--data-dir", dir), "no skill 'nope'");
    Path elsewhere = data.resolve("elsewhere.json");
    Files.writeString(elsewhere, Files.readString(original).replace("\"site\" : \"shop\"",
        "\"site\" : \"wiki\"").replace("\"episodeId\" : \"" + recorded.get(0) + "\"",
        "\"episodeId\" : \"elsewhere-1\""));
    assertOneLine(Cli.run("replay", recorded.get(0), elsewhere.toString(), "--data-dir", dir),
        "replay episodes of one site at a time");
    assertOneLine(Cli.run("trace", "zzzz-999", "--data-dir", dir), "no episode 'zzzz-999'");
    assertOneLine(Cli.run("export", "--format", "csv", "--data-dir", dir), "unknown --format 'csv'");
  }

  static void assertOneLine(Cli c, String expected) {
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err().lines()).singleElement().asString().startsWith("skillwright: ")
        .contains(expected);
  }
}
