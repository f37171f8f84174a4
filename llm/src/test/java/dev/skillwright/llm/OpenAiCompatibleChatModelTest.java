package dev.skillwright.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP adapter against WireMock standing in for an OpenAI-compatible server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiCompatibleChatModelTest {
  static final String PATH = "/v1/chat/completions";
  static final String SECRET_KEY = "sk-test-not-a-real-key-123";
  WireMockServer wm;
  final List<Duration> slept = new CopyOnWriteArrayList<>();

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
    slept.clear();
  }

  ChatModel model(int retries, Duration timeout) {
    return ChatModels.openAiCompatible(ModelConfig.builder()
        .baseUrl(wm.baseUrl() + "/v1").apiKey(SECRET_KEY).model("test-vlm")
        .timeout(timeout).maxRetries(retries).backoff(Duration.ofMillis(10), Duration.ofMillis(40))
        .sleeper(slept::add).random(new Random(1)).build());
  }

  ChatModel model() {
    return model(3, Duration.ofSeconds(5));
  }

  static String completion(String content, String finish) {
    return "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":\""
        + finish + "\"}],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":7}}";
  }

  static final ChatRequest REQUEST = ChatRequest.json("agent", List.of(
      Message.system("You are a web agent."),
      Message.user("Task: open the cart.", List.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 1}))), 256);

  @Test
  void the_request_carries_roles_image_parts_json_mode_and_the_key() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(completion("{\"ok\":true}", "stop"))));

    ChatResponse r = model().chat(REQUEST);

    assertThat(r.text()).isEqualTo("{\"ok\":true}");
    assertThat(r.promptTokens()).isEqualTo(120);
    assertThat(r.completionTokens()).isEqualTo(7);
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
        .withRequestBody(matchingJsonPath("$.model", equalTo("test-vlm")))
        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("You are a web agent.")))
        .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
        .withRequestBody(matchingJsonPath("$.messages[1].content[0].type", equalTo("text")))
        .withRequestBody(matchingJsonPath("$.messages[1].content[1].type", equalTo("image_url")))
        .withRequestBody(matchingJsonPath("$.messages[1].content[1].image_url.url",
            equalTo("data:image/jpeg;base64,/9gB")))
        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256"))));
  }

  @Test
  void a_429_is_retried_after_the_time_the_server_asks_for() {
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody("{\"error\":{\"message\":\"slow down\"}}"))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(okJson(completion("fine", "stop"))));

    assertThat(model().chat(REQUEST).text()).isEqualTo("fine");
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void server_errors_timeouts_resets_and_garbled_replies_are_retried_with_growing_backoff() {
    String[] states = {STARTED, "b", "c", "d", "e"};
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(states[0])
        .willReturn(aResponse().withStatus(500).withBody("boom")).willSetStateTo(states[1]));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(states[1])
        .willReturn(okJson(completion("late", "stop")).withFixedDelay(1500))
        .willSetStateTo(states[2]));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(states[2])
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo(states[3]));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(states[3])
        .willReturn(okJson("this is not json")).willSetStateTo(states[4]));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(states[4])
        .willReturn(okJson(completion("at last", "stop"))));

    ChatResponse r = model(5, Duration.ofMillis(500)).chat(REQUEST);

    assertThat(r.text()).isEqualTo("at last");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(5);
    assertThat(slept).hasSize(4).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(1),
        Duration.ofMillis(41)));
  }

  @Test
  void when_retries_run_out_the_model_is_unavailable() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("down")));

    assertThatThrownBy(() -> model(2, Duration.ofSeconds(5)).chat(REQUEST))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("did not answer after 3 attempts: HTTP 503: down");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
  }

  @Test
  void a_401_is_not_retried_and_never_shows_the_key() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + SECRET_KEY + "\"}}")));

    assertThatThrownBy(() -> model().chat(REQUEST))
        .isInstanceOf(ModelException.class).isNotInstanceOf(ModelUnavailableException.class)
        .hasMessage("the model server refused the API key (401); check OPENAI_API_KEY");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    assertThat(ModelConfig.builder().baseUrl("http://x").model("m").apiKey(SECRET_KEY).build()
        .toString()).doesNotContain(SECRET_KEY).contains("apiKey=(set)");
  }

  @Test
  void a_400_is_not_retried_and_carries_the_servers_message() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"message\":\"model 'test-vlm' does not support images\"}}")));

    assertThatThrownBy(() -> model().chat(REQUEST)).isInstanceOf(ModelException.class)
        .hasMessage("the model server rejected the request (HTTP 400): "
            + "model 'test-vlm' does not support images");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void a_server_without_json_mode_is_asked_again_without_it_and_never_again() {
    wm.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("response_format"))
        .willReturn(aResponse().withStatus(400)
            .withBody("{\"error\":\"unknown field: response_format\"}")));
    wm.stubFor(post(urlEqualTo(PATH)).withRequestBody(
            equalToJson("{\"model\":\"test-vlm\"}", true, true))
        .atPriority(10).willReturn(okJson(completion("{}", "stop"))));
    ChatModel m = model();

    m.chat(REQUEST);
    m.chat(REQUEST);

    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(sent).hasSize(3);
    assertThat(sent.get(2).getBodyAsString()).doesNotContain("response_format");
  }

  @Test
  void truncated_content_comes_back_marked_and_its_json_is_reported_cut_off() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(completion("{\"thought\":\"I will", "length"))));

    ChatResponse r = model().chat(REQUEST);

    assertThat(r.finishReason()).isEqualTo("length");
    assertThatThrownBy(() -> ModelJson.object(r.text())).isInstanceOf(ModelOutputException.class)
        .hasMessageContaining("cut off");
  }

  @Test
  void missing_usage_is_estimated() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(
        "{\"choices\":[{\"message\":{\"content\":\"twelve chars\"}}]}")));

    ChatResponse r = model().chat(REQUEST);
    assertThat(r.completionTokens()).isEqualTo(3);
    assertThat(r.finishReason()).isEqualTo("stop");
  }

  @Test
  void json_is_found_inside_fences_and_prose() {
    assertThat(ModelJson.object("Sure!\n```json\n{\"a\": {\"b\": \"}\"}}\n```\nDone.")
        .path("a").path("b").asText()).isEqualTo("}");
    assertThatThrownBy(() -> ModelJson.object("no json here"))
        .hasMessage("the reply holds no JSON object");
    assertThatThrownBy(() -> ModelJson.object("{\"a\": tru}"))
        .hasMessageStartingWith("the JSON object does not parse");
  }
}
