package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The offline policy on the real shop in real Chromium, checked against the ground truth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflinePolicyTest {
  Site shop;
  BrowserSession browser;
  @TempDir
  static Path data;
  Store.SessionLog log;
  final AtomicInteger episodes = new AtomicInteger();

  @BeforeAll
  void start() {
    shop = Sites.start("shop");
    browser = BrowserSession.launch(BrowserConfig.builder().tracing(false).build());
    log = Store.at(data).startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION, "s1",
        "shop", shop.baseUrl(), Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null));
  }

  @AfterAll
  void stop() {
    browser.close();
    shop.close();
  }

  record Run(Trajectory trajectory, Map<String, Object> truth) {}

  /** A task with no parameters and no signal: the policy has only the instruction. */
  Run run(String instruction) {
    Task task = new Task("t", "shop", instruction, shop.baseUrl(), SuccessSignal.none(), Map.of());
    String id = "e" + episodes.incrementAndGet();
    try (Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()))) {
      EpisodeRunner.Result r = new EpisodeRunner(20, Clock.systemUTC())
          .run("s1", id, task, Policies.offline(), tab, log.episode(id));
      return new Run(r.trajectory(), shop.groundTruth(tab.cookie("sw_session").orElse(null)));
    }
  }

  @Test
  void a_skill_bound_to_an_item_its_start_page_does_not_show_stops_there_and_buys_nothing() {
    // as distilled from a run that clicked "Brass Desk Lamp" on the start page: its CSS path
    // points at the second featured item, whatever the item asked for
    dev.skillwright.skills.Skill skill = new dev.skillwright.skills.Skill(1,
        "shop:add-item-to-the-cart-then-open-cart", "add-item-to-the-cart-then-open-cart", "shop",
        "Add \"{item}\" to the cart, then open \"Cart\"", List.of(
            new dev.skillwright.skills.Skill.Parameter("item", "string",
                List.of("Brass Desk Lamp"))), List.of(
            new Action.Click(new dev.skillwright.trajectories.Target(null, "link", "{item}",
                List.of(dev.skillwright.trajectories.LocatorCandidate.role("link", "{item}"),
                    dev.skillwright.trajectories.LocatorCandidate.of(
                        dev.skillwright.trajectories.LocatorCandidate.Strategy.TEXT, "{item}"),
                    dev.skillwright.trajectories.LocatorCandidate.of(
                        dev.skillwright.trajectories.LocatorCandidate.Strategy.CSS,
                        "main > ul:nth-of-type(2) > li:nth-of-type(2) > a")))),
            new Action.Click(dev.skillwright.trajectories.Target.of(null, "button",
                "Add to cart")),
            new Action.Click(dev.skillwright.trajectories.Target.of(null, "link", "Cart (1)"))),
        "*/", SuccessSignal.none(), List.of(), List.of());
    dev.skillwright.skills.SkillBinding bound = dev.skillwright.skills.SkillBinding.bind(skill,
        Map.of("item", "Red Enamel Teapot"));
    Task task = new Task("t", "shop", bound.instruction(), shop.baseUrl(), SuccessSignal.none(),
        bound.args());
    String id = "e" + episodes.incrementAndGet();
    try (Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()))) {
      // healing allowed: it must not heal onto another item
      Trajectory t = new EpisodeRunner(10, Clock.systemUTC()).run("s1", id, task,
          Policies.replay(bound.steps(),
              new Policies.ReplayOptions().setOriginal("skill:" + skill.id())), tab, log.episode(id)).trajectory();
      Map<String, Object> truth = shop.groundTruth(tab.cookie("sw_session").orElse(null));

      assertThat(t.status()).isEqualTo(Trajectory.Status.GAVE_UP);
      assertThat(t.steps().get(0).ok()).isFalse();
      assertThat(t.steps()).filteredOn(dev.skillwright.trajectories.Step::ok)
          .allSatisfy(s -> assertThat(s.action().isFinal()).isTrue());
      assertThat((Map<?, ?>) truth.getOrDefault("cart", Map.of())).as("the cart").isEmpty();
      // the positional path was there to take: it is another item's link
      assertThat(TestTabs.page(tab).locator("main > ul:nth-of-type(2) > li:nth-of-type(2) > a").textContent())
          .isNotBlank().isNotEqualTo("Red Enamel Teapot");
    }
  }

  @Test
  void it_adds_an_item_it_must_first_find_by_search() {
    Run r = run("Add \"Wooden Bird Feeder\" to the cart, then open \"Cart\".");

    assertThat(r.trajectory().status()).isEqualTo(Trajectory.Status.ANSWERED);
    assertThat(r.truth().get("cart")).isEqualTo(Map.of("Wooden Bird Feeder", 1));
    assertThat(r.trajectory().finalUrl()).endsWith("/cart");
    assertThat(r.trajectory().steps()).extracting(s -> s.action().getClass().getSimpleName())
        .containsExactly("Fill", "Press", "Click", "Click", "Click", "Answer");
  }

  @Test
  void it_checks_out_filling_the_form_by_its_labels() {
    Run r = run("Add \"Lined Notebook\" to the cart, then open \"Checkout\", "
        + "fill \"Full name\" with \"Grace Hopper\", fill \"Email\" with \"grace@example.com\", "
        + "fill \"Shipping address\" with \"7 Harbor Lane\", "
        + "choose \"Express ($9.00)\" in \"Shipping method\", "
        + "check \"I accept the terms and conditions\", then press \"Place order\".");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> orders = (List<Map<String, Object>>) r.truth().get("orders");
    assertThat(orders).singleElement().satisfies(o -> {
      assertThat(o).containsEntry("name", "Grace Hopper").containsEntry("shipping", "express");
      assertThat(o.get("items")).isEqualTo(Map.of("Lined Notebook", 1));
    });
  }

  @Test
  void it_applies_a_choice_that_needs_a_button() {
    Run r = run("Go to the \"Garden\" page, then choose \"Price: high to low\" in \"Sort by\".");

    assertThat(r.trajectory().finalUrl()).endsWith("/category/garden?sort=price-desc");
  }

  @Test
  void it_answers_a_question_from_the_item_page() {
    Run r = run("What is the price of \"Cast Iron Skillet\"?");

    assertThat(r.trajectory().status()).isEqualTo(Trajectory.Status.ANSWERED);
    assertThat(r.trajectory().answer()).isEqualTo("$39.00");
  }

  @Test
  void it_gives_up_on_what_the_site_does_not_have() {
    Run r = run("Add \"Golden Unicorn\" to the cart.");

    assertThat(r.trajectory().status()).isEqualTo(Trajectory.Status.GAVE_UP);
    assertThat(r.trajectory().answer()).contains("Golden Unicorn");
    assertThat((Map<?, ?>) r.truth().get("cart")).isEmpty();
  }

  @Test
  void it_gives_up_at_once_on_an_instruction_it_cannot_read() {
    Run r = run("Dance with the \"Hand Trowel\".");

    assertThat(r.trajectory().steps()).hasSize(1);
    assertThat(r.trajectory().steps().get(0).action()).isInstanceOf(Action.GiveUp.class);
    assertThat(r.trajectory().answer()).contains("Dance with the \"Hand Trowel\"");
  }

  @Test
  void every_step_leaves_the_snapshot_it_read_and_the_final_page_its_picture() {
    Run r = run("Go to the \"Books\" page.");

    Path dir = log.episode(r.trajectory().episodeId()).dir();
    // the offline agent reads the aria snapshot: a screenshot of its steps would tell it nothing
    assertThat(r.trajectory().steps()).allSatisfy(s -> {
      assertThat(dir.resolve(s.snapshotFile())).exists();
      assertThat(s.screenshotFile()).isNull();
    });
    assertThat(dir.resolve(r.trajectory().finalSnapshotFile())).content().contains("Books");
    assertThat(dir.resolve(r.trajectory().finalScreenshotFile())).isNotEmptyFile();
  }

  @Test
  void with_step_screenshots_every_step_keeps_a_picture_too() {
    try (Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()))) {
      Task task = new Task("t", "shop", "Go to the \"Books\" page.", shop.baseUrl(),
          SuccessSignal.none(), Map.of());
      String id = "e" + episodes.incrementAndGet();
      Trajectory t = new EpisodeRunner(20, Clock.systemUTC()).withStepScreenshots(true)
          .run("s1", id, task, Policies.offline(), tab, log.episode(id)).trajectory();

      Path dir = log.episode(id).dir();
      assertThat(t.steps()).isNotEmpty().allSatisfy(s -> {
        assertThat(dir.resolve(s.snapshotFile())).exists();
        assertThat(dir.resolve(s.screenshotFile())).isNotEmptyFile();
      });
    }
  }

  /** The add-to-cart skill as learned from an item featured on the start page. */
  static final dev.skillwright.skills.Skill FEATURED_ADD = new dev.skillwright.skills.Skill(1,
      "shop:add-item-to-the-cart-then-open-cart", "add-item-to-the-cart-then-open-cart", "shop",
      "Add \"{item}\" to the cart, then open \"Cart\"", List.of(
          new dev.skillwright.skills.Skill.Parameter("item", "string", List.of("Brass Desk Lamp"))),
      List.of(new Action.Click(role("link", "{item}")), new Action.Click(role("button",
          "Add to cart")), new Action.Click(role("link", "Cart (1)"))), "*/",
      SuccessSignal.of(new dev.skillwright.trajectories.Condition.UrlMatches("*/cart*"),
          new dev.skillwright.trajectories.Condition.TextPresent("{item}")), List.of(), List.of())
      .withStatus(dev.skillwright.skills.Skill.Status.VERIFIED);

  static dev.skillwright.trajectories.Target role(String role, String name) {
    return new dev.skillwright.trajectories.Target(null, role, name, List.of(
        dev.skillwright.trajectories.LocatorCandidate.role(role, name)));
  }

  record Report(String skill, boolean ok, String reason) {}

  Run runWithSkill(String instruction, List<Report> reports) {
    Task task = new Task("t", "shop", instruction, shop.baseUrl(), SuccessSignal.none(), Map.of());
    String id = "e" + episodes.incrementAndGet();
    SkillCalls calls = new SkillCalls() {
      @Override
      public java.util.Optional<dev.skillwright.skills.Skill> skill(String name) {
        return java.util.Optional.of(FEATURED_ADD).filter(k -> k.id().equals(name));
      }

      @Override
      public void report(dev.skillwright.skills.Skill skill, boolean ok, String reason) {
        reports.add(new Report(skill.id(), ok, reason));
      }
    };
    try (Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()))) {
      EpisodeRunner.Result r = new EpisodeRunner(20, Clock.systemUTC())
          .run("s1", id, task, Policies.offline(
              new Policies.SkillOptions().setSkills(List.of(FEATURED_ADD)).setCalls(calls)), tab, log.episode(id));
      return new Run(r.trajectory(), shop.groundTruth(tab.cookie("sw_session").orElse(null)));
    }
  }

  @Test
  void a_skill_whose_description_matches_runs_its_steps_without_deciding_them() {
    List<Report> reports = new java.util.ArrayList<>();
    Run r = runWithSkill("Add \"Brass Desk Lamp\" to the cart, then open \"Cart\".", reports);

    assertThat(r.truth().get("cart")).isEqualTo(Map.of("Brass Desk Lamp", 1));
    assertThat(r.trajectory().steps()).filteredOn(s -> s.skill() != null).hasSize(3)
        .allSatisfy(s -> assertThat(s.skill().args()).containsEntry("item", "Brass Desk Lamp"));
    assertThat(reports).containsExactly(new Report(FEATURED_ADD.id(), true, null));
    // the call's first step was decided from a look at the page; the rest needed none
    List<dev.skillwright.trajectories.Step> called = r.trajectory().steps().stream()
        .filter(s -> s.skill() != null).toList();
    assertThat(called.get(0).snapshotFile()).isNotNull();
    assertThat(called.subList(1, called.size()))
        .allSatisfy(s -> assertThat(s.snapshotFile()).isNull());
  }

  @Test
  void when_a_skill_step_fails_the_policy_takes_over_and_the_failure_is_reported() {
    List<Report> reports = new java.util.ArrayList<>();
    Run r = runWithSkill("Add \"Wooden Bird Feeder\" to the cart, then open \"Cart\".",
        reports);

    assertThat(r.truth().get("cart")).isEqualTo(Map.of("Wooden Bird Feeder", 1));
    assertThat(r.trajectory().status()).isEqualTo(Trajectory.Status.ANSWERED);
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).ok()).isFalse();
    assertThat(reports.get(0).reason()).startsWith("step 1 failed");
    // after the failed skill step, the policy's own steps: search, open, add, cart
    assertThat(r.trajectory().steps()).filteredOn(s -> s.skill() == null)
        .extracting(s -> s.action().getClass().getSimpleName())
        .startsWith("Fill", "Press", "Click", "Click", "Click");
  }
}
