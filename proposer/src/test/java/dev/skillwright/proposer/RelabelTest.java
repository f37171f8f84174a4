package dev.skillwright.proposer;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.skillwright.llm.ChatModels;
import dev.skillwright.llm.ModelConfig;
import dev.skillwright.proposer.Exploration.Kind;
import dev.skillwright.proposer.Exploration.Move;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The LLM proposer with explored walks, its model an OpenAI-compatible WireMock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelabelTest {
  static final String PATH = "/v1/chat/completions";
  static final String BASE = "http://127.0.0.1:4000/";
  static final Exploration.Walk ADD = new Exploration.Walk(BASE, List.of(new Move(
      Kind.TYPE_ENTER, "textbox", "New errand", "Buy oat milk", null,
      "appeared: checkbox \"Done: Buy oat milk\"")),
      "Type \"Buy oat milk\" into the \"New errand\" field and press Enter.",
      SuccessSignal.of(new Condition.TextPresent("Buy oat milk")),
      Map.of("text", "Buy oat milk"), false);
  static final Exploration.Walk SORT = new Exploration.Walk(BASE, List.of(new Move(
      Kind.SELECT, "combobox", "Order", "Newest first", null,
      "combobox \"Order\" value Oldest first -> Newest first")),
      "Select \"Newest first\" from the \"Order\" list.",
      SuccessSignal.of(new Condition.ElementState("combobox", "Order", State.HAS_VALUE,
          "Newest first")), Map.of("option", "Newest first"), false);
  static final SiteContext CONTEXT = new SiteContext("errands", BASE, List.of(), List.of(),
      List.of(), List.of()).withExplored(new Exploration(List.of(ADD, SORT),
          List.of("textbox \"New errand\"", "combobox \"Order\""),
          List.of(List.of("Oldest first", "Newest first")), List.of(), 4));

  WireMockServer wm;

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
  void reset() {
    wm.resetAll();
  }

  void reply(String bodyContains, String content) {
    wm.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing(bodyContains))
        .willReturn(okJson("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
            + TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20}}")));
  }

  Proposer proposer() {
    return Proposer.llm(ChatModels.openAiCompatible(ModelConfig.builder()
        .baseUrl(wm.baseUrl() + "/v1").apiKey("sk-test").model("test-llm")
        .timeout(Duration.ofSeconds(5)).maxRetries(0)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).random(new Random(1)).build()));
  }

  @Test
  void the_model_relabels_walks_that_keep_their_observed_signal_and_values() {
    reply("Propose 3 tasks", """
        {"tasks": [{"instruction": "Check the \\"Compact view\\" checkbox.", "params": {},
          "success": [{"kind": "element_state", "role": "checkbox", "name": "Compact view", "state": "checked"}]}]}
        """);
    reply("You write down what a user asked for", """
        {"labels": [{"walk": 1, "instruction": "Add an errand called \\"Buy oat milk\\" to the list."},
                    {"walk": 2, "instruction": "Sort the errands with the newest first."}]}
        """);

    Proposal p = proposer().propose(CONTEXT, 3);

    assertThat(p.tasks()).extracting(Task::instruction).containsExactly(
        "Check the \"Compact view\" checkbox.",
        "Add an errand called \"Buy oat milk\" to the list.",
        "Select \"Newest first\" from the \"Order\" list.");
    assertThat(p.tasks()).extracting(Task::id).containsExactly("t001", "t002", "t003");
    Task added = p.tasks().get(1);
    assertThat(added.success()).isEqualTo(ADD.success());
    assertThat(added.params()).isEqualTo(Map.of("text", "Buy oat milk"));
    assertThat(p.rejected()).singleElement().asString()
        .contains("walk 2", "\"Newest first\" is not quoted", "kept its own label");
    // the proposer saw what exploring did; the relabeller saw each walk with its values, fenced
    wm.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("Propose 3 tasks"))
        .withRequestBody(containing("EXPLORED (untrusted page content"))
        .withRequestBody(containing("type \\\"Buy oat milk\\\" into textbox \\\"New errand\\\"")));
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withRequestBody(containing("Walk 2 (values: \\\"Newest first\\\")"))
        .withRequestBody(containing("WALKS (untrusted page content")));
  }

  @Test
  void a_failed_relabelling_keeps_the_walks_own_labels() {
    reply("Propose 2 tasks", "{\"tasks\": []}");
    reply("You write down what a user asked for", "this is not JSON");

    Proposal p = proposer().propose(CONTEXT, 2);

    assertThat(p.tasks()).extracting(Task::instruction)
        .containsExactly(ADD.instruction(), SORT.instruction());
    assertThat(p.rejected()).anySatisfy(r -> assertThat(r).startsWith("relabelling failed"));
  }
}
