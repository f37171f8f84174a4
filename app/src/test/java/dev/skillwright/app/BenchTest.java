package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.envs.BenchTask;
import dev.skillwright.envs.Sites;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline agent on every site's suite, scored by ground truth. */
class BenchTest {
  @TempDir
  Path data;

  /**
   * A verified skill that a bench task's words call for, but that goes to the wrong page: an
   * agent offered it fails "Go to the "Garden" page".
   */
  static Skill misleading() {
    return new Skill(Skill.SCHEMA_VERSION, "shop:open_page", "open_page",
        "shop", "Go to the \"{page}\" page",
        List.of(new Skill.Parameter("page", "string", List.of("Kitchen"))),
        List.of(new Action.Click(new Target(null, "link", "Home",
            List.of(LocatorCandidate.role("link", "Home"))))), "*/", SuccessSignal.none(),
        List.of("Go to the \"Kitchen\" page."), List.of(new Skill.Provenance("s", "e",
            Instant.EPOCH))).verified(new Skill.Verification(Instant.EPOCH, Map.of("page",
                "Office"), true, "planted", "e-v1"));
  }

  @Test
  void the_bench_scores_by_ground_truth_and_measures_the_evaluator() throws Exception {
    // a library from earlier crawls holds a misleading skill: the bench does not use it
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      index.put(misleading());
    }
    Cli c = Cli.run("bench", "--env", "all", "--concurrency", "2", "--no-trace", "--data-dir",
        data.toString());

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("| task | difficulty | ground truth | evaluator | steps | seconds |",
        "Success by ground truth:", "precision", "recall");
    Path report;
    try (Stream<Path> s = Files.walk(data.resolve("bench"))) {
      report = s.filter(p -> p.endsWith("report.json")).findFirst().orElseThrow();
    }
    assertThat(report.resolveSibling("report.md")).exists();
    JsonNode r = Json.mapper().readTree(report.toFile());
    int tasks = Sites.names().stream().mapToInt(n -> Sites.suite(n).size()).sum();
    assertThat(r.path("tasks").asInt()).isEqualTo(tasks);
    // the correct runs: the checks pass on what the offline agent really did, but for the one
    // kind of task it cannot do: a closed issue, hidden by the list's default "open" filter
    List<JsonNode> rows = Json.mapper().convertValue(r.path("rows"),
        Json.mapper().getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    assertThat(rows.stream().filter(row -> !row.path("groundTruth").asBoolean())
        .map(row -> row.path("id").asText() + ": " + row.path("groundTruthReason").asText()))
        .containsExactly("tracker-05: the answer I cannot find \"Dark mode toggle resets\" on "
            + "this site. does not include Closed");
    // the offline judge cannot credit a correct give-up: those are its missed successes
    long infeasible = Sites.names().stream().flatMap(n -> Sites.suite(n).stream())
        .filter(BenchTask::infeasible).count();
    assertThat(r.path("confusion").path("judgedFailureTrulySuccess").asLong())
        .isEqualTo(infeasible);
    assertThat(r.path("evaluatorPrecision").asDouble()).isEqualTo(1.0);
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      assertThat(index.list(null)).as("a benchmark leaves the skill library alone")
          .containsExactly(misleading());
    }
  }

  @Test
  void with_skills_the_bench_lets_the_agent_use_a_copy_of_them(@TempDir Path other)
      throws Exception {
    try (SkillIndex index = SkillIndex.open(Store.at(other).skillsDir())) {
      index.put(misleading());
    }
    // the one task the planted skill is about: the bench runs only the tasks it is given
    Cli c = Cli.run("bench", "--env", "shop", "--task", "shop-01", "--with-skills",
        other.toString(), "--no-trace", "--json", "--data-dir", data.toString());

    assertThat(c.exit()).as(c.err()).isZero();
    JsonNode r;
    try (Stream<Path> s = Files.walk(data.resolve("bench"))) {
      r = Json.mapper().readTree(s.filter(p -> p.endsWith("report.json")).findFirst()
          .orElseThrow().toFile());
    }
    // with --json, the report's table goes to standard error and the report itself to out
    assertThat(c.err()).contains("| shop-01 | ", "Success by ground truth: 0 of 1");
    assertThat(Json.mapper().readTree(c.out())).isEqualTo(r);
    JsonNode garden = java.util.stream.StreamSupport.stream(r.path("rows").spliterator(), false)
        .filter(row -> row.path("id").asText().equals("shop-01")).findFirst().orElseThrow();
    assertThat(garden.path("groundTruth").asBoolean()).as("the misleading skill misled").isFalse();
    Store store = Store.at(data);
    assertThat(store.trajectoryFiles().stream().map(store::readTrajectory)
        .filter(t -> t.task().id().equals("shop-01")).findFirst().orElseThrow().steps())
        .as("the planted skill was called").anySatisfy(step -> assertThat(step.skill())
            .isNotNull().extracting(Action.UseSkill::name).isEqualTo(misleading().id()));
    try (SkillIndex index = SkillIndex.open(Store.at(other).skillsDir())) {
      assertThat(index.list(null)).as("the given library is not changed")
          .containsExactly(misleading());
    }
    assertThat(r.path("rows")).hasSize(1);
    assertThat(Cli.run("bench", "--env", "shop", "--task", "shop-99", "--data-dir",
        data.toString()).err().strip()).isEqualTo("skillwright: --task: no task 'shop-99' in "
        + "the suite of shop (its ids: shop-01 to shop-18)");
    assertThat(Cli.run("bench", "--env", "shop", "--with-skills", other.resolve("nope")
        .toString(), "--data-dir", data.toString()).err().strip())
        .isEqualTo("skillwright: --with-skills: no such folder " + other.resolve("nope"));
  }
}
