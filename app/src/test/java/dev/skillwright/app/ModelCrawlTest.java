package dev.skillwright.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls of the shop whose model is WireMock serving scripted replies to the proposer, the agent
 * and the judge, the way an OpenAI-compatible server would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCrawlTest {
  static final String PATH = "/v1/chat/completions";
  WireMockServer wm;
  @TempDir
  static Path data;

  @BeforeAll
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wm.start();
  }

  @AfterAll
  void stop() {
    wm.stop();
  }

  @BeforeEach
  void script() {
    wm.resetAll();
    reply("Propose 2 tasks", 1, """
        {"tasks": [
          {"instruction": "Go to the \\"Books\\" page.", "difficulty": "easy",
           "params": {"page": "Books"}, "success": [{"kind": "url_matches", "glob": "*/category/books"}]},
          {"instruction": "Search for \\"mug\\".", "difficulty": "easy",
           "params": {"query": "mug"}, "success": [{"kind": "url_matches", "glob": "*/search?*q=mug*"}]}
        ]}""");
    // the agent: later steps first, so the most specific stub wins
    reply("I submit it.", 1, action("I am done.", "{\"type\": \"answer\", \"text\": \"Done.\"}"));
    reply("I type the query.", 2, action("I submit it.",
        "{\"type\": \"press\", \"role\": \"searchbox\", \"name\": \"Search products\", \"key\": \"Enter\"}"));
    reply("I open Books.", 2, action("I am done.", "{\"type\": \"answer\", \"text\": \"Done.\"}"));
    reply("Search for \\\"mug\\\"", 3, action("I type the query.",
        "{\"type\": \"fill\", \"role\": \"searchbox\", \"name\": \"Search products\", \"text\": \"mug\"}"));
    reply("Go to the \\\"Books\\\" page", 3, action("I open Books.",
        "{\"type\": \"click\", \"role\": \"link\", \"name\": \"Books\"}"));
    reply("You judge whether a web agent", 1, "{\"success\": true, \"confidence\": 0.9, "
        + "\"reason\": \"The final page shows what was asked.\", \"failure_kind\": null}");
  }

  void reply(String bodyContains, int priority, String content) {
    wm.stubFor(post(urlEqualTo(PATH)).atPriority(priority)
        .withRequestBody(containing(bodyContains))
        .willReturn(okJson(completion(content))));
  }

  static String action(String thought, String action) {
    return "{\"thought\": \"" + thought + "\", \"action\": " + action + "}";
  }

  static String completion(String content) {
    return "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
        + TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":40}}";
  }

  Cli crawl(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("crawl", "--env", "shop", "--budget", "2",
        "--pages", "6", "--explore", "0", "--data-dir", dir.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  Cli crawlWithModel(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("--model", "test-vlm", "--base-url",
        wm.baseUrl() + "/v1"));
    args.addAll(List.of(more));
    return crawl(dir, args.toArray(String[]::new));
  }

  static List<Trajectory> trajectories(Path dir) {
    Store store = Store.at(dir);
    return store.trajectoryFiles().stream().map(store::readTrajectory)
        .sorted(Comparator.comparing(t -> t.task().instruction())).toList();
  }

  @Test
  void a_crawl_with_a_scripted_model_completes_distills_skills_and_reports_usage() throws Exception {
    Path dir = data.resolve("scripted");
    Cli c = crawlWithModel(dir);

    assertThat(c.exit()).as(c.out() + c.err()).isZero();
    assertThat(c.out()).contains("judged successful 2 (100%)")
        .containsPattern("model +test-vlm at http://[^/]+/v1: 8 calls, 8000 prompt "
            + "\\+ 320 completion tokens");
    List<Trajectory> ts = trajectories(dir);
    assertThat(ts).allSatisfy(t -> {
      assertThat(t.verdict().evaluator()).isEqualTo("vlm");
      assertThat(t.usage().calls()).isGreaterThanOrEqualTo(3);
    });
    assertThat(ts.get(1).steps()).extracting(s -> s.action().getClass().getSimpleName())
        .containsExactly("Fill", "Press", "Answer");
    assertThat(ts.get(1).finalUrl()).contains("/search?q=mug");
    try (SkillIndex index = SkillIndex.open(Store.at(dir).skillsDir())) {
      assertThat(index.list("shop")).extracting(Skill::description)
          .containsExactlyInAnyOrder("Go to the \"{page}\" page", "Search for \"{query}\"");
    }
    assertThat(Files.readString(Store.at(dir).sessionsDir()
        .resolve(Store.at(dir).sessions().get(0).id()).resolve("session.json")))
        .contains("\"calls\" : 8");
    savePrompts();
  }

  @Test
  void a_model_fault_errors_one_episode_and_the_session_goes_on() {
    wm.stubFor(post(urlEqualTo(PATH)).atPriority(0)
        .withRequestBody(containing("Search for \\\"mug\\\""))
        .willReturn(aResponse().withStatus(500).withHeader("Retry-After", "0").withBody("boom")));
    Path dir = data.resolve("faulty");

    Cli c = crawlWithModel(dir);

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("errored           1", "judged successful 1 (50%)");
    Trajectory failed = trajectories(dir).get(1);
    assertThat(failed.status()).isEqualTo(Trajectory.Status.ERROR);
    assertThat(failed.answer()).contains("did not answer after 5 attempts: HTTP 500: boom");
    assertThat(failed.verdict().failureKind()).isEqualTo("error");
  }

  @Test
  void a_recorded_session_replays_from_its_cassette_without_the_model() {
    Path cassette = data.resolve("cassette");
    Cli recorded = crawlWithModel(data.resolve("rec"), "--record-cassette", cassette.toString());
    assertThat(recorded.exit()).as(recorded.err()).isZero();
    int callsWhileRecording = wm.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    wm.stop();
    try {
      Cli replayed = crawl(data.resolve("rep"), "--replay-cassette", cassette.toString());
      assertThat(replayed.exit()).as(replayed.err()).isZero();
    } finally {
      wm.start();
    }

    List<Trajectory> a = trajectories(data.resolve("rec"));
    List<Trajectory> b = trajectories(data.resolve("rep"));
    assertThat(callsWhileRecording).isEqualTo(8);
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).task().instruction()).isEqualTo(a.get(i).task().instruction());
      assertThat(b.get(i).steps()).extracting(s -> s.action().getClass().getSimpleName()
          + " " + s.thought()).isEqualTo(a.get(i).steps().stream().map(s ->
              s.action().getClass().getSimpleName() + " " + s.thought()).toList());
      assertThat(b.get(i).verdict()).isEqualTo(a.get(i).verdict());
      assertThat(b.get(i).usage().cacheHits()).isEqualTo(b.get(i).usage().calls());
    }
  }

  @Test
  void bad_model_flags_are_one_line_errors() {
    Cli both = crawl(data.resolve("x"), "--record-cassette", "a", "--replay-cassette", "b");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err().strip())
        .isEqualTo("skillwright: --record-cassette and --replay-cassette exclude each other");
    Cli url = crawl(data.resolve("x"), "--model", "m", "--base-url", "ftp://nope");
    assertThat(url.err().strip())
        .isEqualTo("skillwright: OPENAI_BASE_URL is not an http or https URL: ftp://nope");
    assertThat(data.resolve("x")).doesNotExist();
  }

  /** Keeps one prompt of each kind, as sent, for review (target/prompts). */
  void savePrompts() throws Exception {
    Path out = Path.of("target", "prompts");
    Files.createDirectories(out);
    for (LoggedRequest r : wm.findAll(postRequestedFor(urlEqualTo(PATH)))) {
      JsonNode body = Json.mapper().readTree(r.getBodyAsString());
      StringBuilder text = new StringBuilder();
      int images = 0;
      for (JsonNode m : body.path("messages")) {
        JsonNode content = m.path("content");
        text.append("## ").append(m.path("role").asText()).append('\n');
        if (content.isTextual()) {
          text.append(content.asText()).append('\n');
        } else {
          for (JsonNode p : content) {
            if (p.path("type").asText().equals("text")) {
              text.append(p.path("text").asText()).append('\n');
            } else {
              images++;
            }
          }
        }
      }
      String kind = text.indexOf("Propose ") >= 0 ? "proposer"
          : text.indexOf("You judge whether") >= 0 ? "evaluator" : "agent";
      Files.writeString(out.resolve(kind + ".txt"), text + "\n(" + images + " image(s), "
          + text.length() + " characters of text)\n");
    }
  }
}
