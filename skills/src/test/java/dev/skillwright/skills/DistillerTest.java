package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.LocatorCandidate.Strategy;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistillerTest {
  static Trajectory searchThenOpen(String query, String item, String episode, boolean success) {
    Task task = new Task("t1", "shop", "Search for \"" + query + "\", then open \"" + item + "\".",
        "http://127.0.0.1:1/", SuccessSignal.of(new Condition.UrlMatches(
            "*/product/" + item.toLowerCase().replace(' ', '-'))),
        Map.of("query", query, "item", item));
    Target box = new Target("e8", "searchbox", "Search products", List.of(
        LocatorCandidate.role("searchbox", "Search products"),
        LocatorCandidate.of(Strategy.PLACEHOLDER, "Search products")));
    Target link = new Target("e20", "link", item, List.of(LocatorCandidate.role("link", item),
        LocatorCandidate.of(Strategy.TEXT, item),
        LocatorCandidate.of(Strategy.CSS, "main > ul > li:nth-of-type(1) > a")));
    List<Step> steps = new ArrayList<>(List.of(
        step(0, new Action.Fill(box, query), true),
        step(1, new Action.Click(Target.of("e3", "button", "Gone")), false),
        step(2, new Action.Press(box, "Enter"), true),
        step(3, new Action.Wait(100), true),
        step(4, new Action.Click(link), true),
        step(5, new Action.Answer("Done."), true)));
    return new Trajectory(1, "s1", episode, task, Instant.EPOCH, 10, steps,
        Trajectory.Status.ANSWERED, "Done.", "http://127.0.0.1:1/product/x", "", null, null,
        List.of(), new Verdict(success, 0.9, "r", null, "offline-rules"), null, null, null);
  }

  /** A trajectory of {@code task} that ended well at {@code finalUrl}. */
  static Trajectory succeeded(Task task, String episode, String finalUrl, Step... steps) {
    return new Trajectory(1, "s1", episode, task, Instant.EPOCH, 10, List.of(steps),
        Trajectory.Status.ANSWERED, "Done.", finalUrl, "", null, null, List.of(),
        new Verdict(true, 0.9, "r", null, "offline-rules"), null, null, null);
  }

  static Target textbox(String ref, String name) {
    return new Target(ref, "textbox", name, List.of(LocatorCandidate.role("textbox", name)));
  }

  static Step step(int i, Action a, boolean ok) {
    return new Step(i, "http://127.0.0.1:1/", "", null, null, "", a, ok, ok ? null : "failed", 1);
  }

  @Test
  void task_values_become_parameters_in_steps_locators_and_signal() {
    Skill s = Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", true))
        .orElseThrow();

    assertThat(s.id()).isEqualTo("shop:search_products_then_open_item");
    assertThat(s.description()).isEqualTo("Search for \"{query}\", then open \"{item}\"");
    assertThat(s.parameters()).extracting(Skill.Parameter::name).containsExactly("query", "item");
    assertThat(s.parameters().get(0).examples()).containsExactly("mug");
    assertThat(s.steps()).hasSize(3);
    assertThat(((Action.Fill) s.steps().get(0)).text()).isEqualTo("{query}");
    Target link = s.steps().get(2).target();
    assertThat(link.ref()).isNull();
    assertThat(link.name()).isEqualTo("{item}");
    // the positional path would find the recorded item whatever item the skill is given
    assertThat(link.locators()).containsExactly(LocatorCandidate.role("link", "{item}"),
        LocatorCandidate.of(Strategy.TEXT, "{item}"));
    assertThat(s.success().all()).containsExactly(new Condition.UrlMatches("*/product/{item}"));
    assertThat(s.startUrlPattern()).isEqualTo("*/");
    assertThat(s.provenance()).extracting(Skill.Provenance::episodeId).containsExactly("e1");
  }

  @Test
  void the_longer_value_is_lifted_before_a_shorter_one_inside_it() {
    Skill s = Distiller.distill(searchThenOpen("Mug", "Blue Ceramic Mug", "e1", true))
        .orElseThrow();

    assertThat(s.steps().get(2).target().name()).isEqualTo("{item}");
    assertThat(((Action.Fill) s.steps().get(0)).text()).isEqualTo("{query}");
  }

  @Test
  void url_globs_lift_whole_segments_only() {
    List<Map.Entry<String, String>> params = List.of(Map.entry("item", "Blue Ceramic Mug"),
        Map.entry("query", "mug"), Map.entry("page", "Office"));

    assertThat(Distiller.liftUrl("*/product/blue-ceramic-mug", params)).isEqualTo("*/product/{item}");
    assertThat(Distiller.liftUrl("*/search?*q=mug*", params)).isEqualTo("*/search?*q={query}*");
    assertThat(Distiller.liftUrl("*/category/office?*sort=price-desc*", params))
        .isEqualTo("*/category/{page}?*sort=price-desc*");
    assertThat(Distiller.liftUrl("*/mugshots", params)).isEqualTo("*/mugshots");
    assertThat(Distiller.liftUrl("*/wiki/Blue_Ceramic_Mug", params)).isEqualTo("*/wiki/{item}");
    assertThat(Distiller.liftUrl("*/find?*q=Blue%20Ceramic%20Mug*", params))
        .isEqualTo("*/find?*q={item}*");
  }

  @Test
  void a_confirmation_known_by_its_heading_also_checks_the_values_it_showed() {
    Target name = textbox("e5", "Full name");
    Target email = textbox("e6", "Email");
    Task task = new Task("t3", "shop", "Fill \"Full name\" with \"Ada Lovelace\", fill \"Email\""
        + " with \"ada@example.com\", then press \"Place order\".", "http://127.0.0.1:1/checkout",
        SuccessSignal.of(new Condition.ElementState("button", "Place order",
            Condition.ElementState.State.ABSENT, null)),
        Map.of("name", "Ada Lovelace", "email", "ada@example.com"));
    Trajectory t = succeeded(task, "e10", "http://127.0.0.1:1/order/1",
        step(0, new Action.Fill(name, "Ada Lovelace"), true),
        step(1, new Action.Fill(email, "ada@example.com"), true),
        step(2, new Action.Click(Target.of("e7", "button", "Place order")), true),
        step(3, new Action.Answer("Done."), true));
    AriaSnapshot confirmation = AriaSnapshot.parse("""
        - heading "Thank you for your order" [level=1]
        - paragraph: A receipt goes to ada@example.com.
        """);

    assertThat(Distiller.distill(t, confirmation).orElseThrow().success().all()).containsExactly(
        new Condition.ElementState("button", "Place order", Condition.ElementState.State.ABSENT,
            null),
        new Condition.TextPresent("{email}"));
    assertThat(Distiller.distill(t).orElseThrow().success().all()).hasSize(1);
  }

  @Test
  void two_fields_that_held_the_same_text_get_a_parameter_each() {
    Target title = textbox("e5", "Title");
    Target body = textbox("e6", "Description");
    Task task = new Task("t4", "tracker", "Create an issue titled \"Broken login\".",
        "http://127.0.0.1:1/new", SuccessSignal.of(new Condition.TextPresent("Broken login")),
        Map.of("title", "Broken login"));
    Trajectory t = succeeded(task, "e11", "http://127.0.0.1:1/issue/1",
        step(0, new Action.Fill(title, "Broken login"), true),
        step(1, new Action.Fill(body, "Broken login"), true),
        step(2, new Action.Fill(body, "Broken login"), true),
        step(3, new Action.Click(Target.of("e7", "button", "Create")), true),
        step(4, new Action.Answer("Done."), true));

    Skill s = Distiller.distill(t).orElseThrow();
    assertThat(s.steps()).extracting(a -> a instanceof Action.Fill f ? f.text() : "")
        .as("a field filled again keeps its own parameter")
        .containsExactly("{title}", "{title_2}", "{title_2}", "");
    assertThat(s.parameters()).extracting(Skill.Parameter::name)
        .containsExactly("title", "title_2");
    assertThat(s.description()).isEqualTo("Create an issue titled \"{title}\"");
    assertThat(SkillBinding.bind(s, Map.of("title", "A", "title_2", "B")).steps())
        .extracting(a -> a instanceof Action.Fill f ? f.text() : "").containsExactly("A", "B",
            "B", "");
  }

  @Test
  void a_page_reached_by_clicking_a_value_is_matched_whatever_its_id() {
    assertThat(Distiller.anyId("*/post/20")).isEqualTo("*/post/*");
    assertThat(Distiller.anyId("*/issues/1f3a9c2e-77aa/edit?tab=2")).isEqualTo("*/issues/*/edit?tab=2");
    assertThat(Distiller.anyId("*/category/{page}")).isEqualTo("*/category/{page}");
    assertThat(Distiller.anyId("*/v2/blue-ceramic-mug")).isEqualTo("*/v2/blue-ceramic-mug");
    assertThat(Distiller.anyId("*/tag/deadbeef")).isEqualTo("*/tag/deadbeef");
    assertThat(Distiller.anyId("*/run/3f2a9c1e")).isEqualTo("*/run/*");

    Trajectory t = searchThenOpen("bisect", "Git bisect saved my week", "e12", true);
    Task task = t.task();
    Task byId = new Task(task.id(), task.site(), task.instruction(), task.startUrl(),
        SuccessSignal.of(new Condition.UrlMatches("*/post/20")), task.params());
    AriaSnapshot post = AriaSnapshot.parse("- heading \"Git bisect saved my week\" [level=1]");
    Skill s = Distiller.distill(new Trajectory(t.schemaVersion(), t.sessionId(), t.episodeId(),
        byId, t.startedAt(), t.durationMillis(), t.steps(), t.status(), t.answer(), t.finalUrl(),
        t.finalTitle(), null, null, List.of(), t.verdict(), null, null, null), post)
        .orElseThrow();
    assertThat(s.success().all()).containsExactly(new Condition.UrlMatches("*/post/*"),
        new Condition.TextPresent("{query}"), new Condition.TextPresent("{item}"));
  }

  @Test
  void an_option_chosen_as_a_parameter_leaves_any_value_in_the_query() {
    assertThat(Distiller.anyQueryValue("*/category/{page}?*sort=price-desc*"))
        .isEqualTo("*/category/{page}?*sort=**");
    assertThat(Distiller.anyQueryValue("*/search?*q={query}&order=new"))
        .isEqualTo("*/search?*q={query}&order=*");
    assertThat(Distiller.anyQueryValue("*/category/{page}")).isEqualTo("*/category/{page}");

    Target sort = new Target("e4", "combobox", "Sort by", List.of(
        LocatorCandidate.role("combobox", "Sort by")));
    Task task = new Task("t2", "shop", "Choose \"Price: high to low\" in \"Sort by\".",
        "http://127.0.0.1:1/category/office", SuccessSignal.of(
            new Condition.UrlMatches("*/category/office?*sort=price-desc*"),
            new Condition.ElementState("combobox", "Sort by",
                Condition.ElementState.State.HAS_VALUE, "Price: high to low")),
        Map.of("option", "Price: high to low"));
    Trajectory t = succeeded(task, "e9", "http://127.0.0.1:1/category/office?sort=price-desc",
        step(0, new Action.Select(sort, "Price: high to low"), true),
        step(1, new Action.Answer("Done."), true));
    // with only the URL to go by, the box on the final page is checked for the option
    Task byUrl = new Task(task.id(), task.site(), task.instruction(), task.startUrl(),
        SuccessSignal.of(new Condition.UrlMatches("*/category/office?*sort=price-desc*")),
        task.params());
    AriaSnapshot sorted = AriaSnapshot.parse(
        "- combobox \"Sort by\":\n  - option \"Price: high to low\" [selected]");
    assertThat(Distiller.distill(succeeded(byUrl, "e13", t.finalUrl(), t.steps().toArray(
        Step[]::new)), sorted).orElseThrow().success().all()).containsExactly(
        new Condition.UrlMatches("*/category/office?*sort=**"),
        new Condition.ElementState("combobox", "Sort by", Condition.ElementState.State.HAS_VALUE,
            "{option}"));
    assertThat(Distiller.distill(t).orElseThrow().success().all()).containsExactly(
        new Condition.UrlMatches("*/category/office?*sort=**"),
        new Condition.ElementState("combobox", "Sort by", Condition.ElementState.State.HAS_VALUE,
            "{option}"));
  }

  @Test
  void failed_episodes_and_episodes_without_actions_give_no_skill() {
    assertThat(Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", false))).isEmpty();
  }

  @Test
  void merging_keeps_both_examples_and_provenance() {
    Skill a = Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", true)).orElseThrow();
    Skill b = Distiller.distill(searchThenOpen("lamp", "Brass Desk Lamp", "e2", true)).orElseThrow();

    assertThat(a.id()).isEqualTo(b.id());
    Skill m = Distiller.merge(a, b);
    assertThat(m.examples()).hasSize(2);
    assertThat(m.parameters().get(1).examples()).containsExactly("Blue Ceramic Mug",
        "Brass Desk Lamp");
    assertThat(m.provenance()).extracting(Skill.Provenance::episodeId).containsExactly("e1", "e2");
  }

  @Test
  void a_question_answered_from_the_page_keeps_where_it_read_the_answer() {
    Task task = new Task("t9", "shop", "What is the price of \"Blue Ceramic Mug\"?",
        "http://127.0.0.1:1/", SuccessSignal.of(new Condition.AnswerContains("$12.00")),
        Map.of("item", "Blue Ceramic Mug"));
    Target link = new Target("e4", "link", "Blue Ceramic Mug",
        List.of(LocatorCandidate.role("link", "Blue Ceramic Mug")));
    Trajectory t = new Trajectory(1, "s1", "e11", task, Instant.EPOCH, 10, List.of(
        step(0, new Action.Click(link), true), step(1, new Action.Answer("$12.00"), true)),
        Trajectory.Status.ANSWERED, "$12.00", "http://127.0.0.1:1/product/blue-ceramic-mug", "",
        null, null, List.of(), new Verdict(true, 0.9, "r", null, "offline-rules"), null, null,
        null);
    AriaSnapshot product = AriaSnapshot.parse("""
        - heading "Blue Ceramic Mug" [level=1]
        - paragraph: "Price: $12.00"
        """);

    Skill s = Distiller.distill(t, product).orElseThrow();
    assertThat(s.name()).isEqualTo("get_price");
    assertThat(s.reads()).isEqualTo(new Reading("paragraph", null, "Price:", "",
        Reading.shapeOf("$12.00")));
    assertThat(s.success().all()).as("another item has another price")
        .noneMatch(c -> c instanceof Condition.AnswerContains);
    // an episode that only acted answers "Done.": nothing is read
    assertThat(Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", true),
        AriaSnapshot.parse("- paragraph: Done.")).orElseThrow().reads()).isNull();
    // merged, the reading and the other side's id stay
    Skill renamed = s.toBuilder().named("shop:what-is-the-price-of-item",
        "what-is-the-price-of-item").reads(null).build();
    Skill m = Distiller.merge(s, renamed);
    assertThat(m.reads()).isEqualTo(s.reads());
    assertThat(m.aliases()).containsExactly("shop:what-is-the-price-of-item");
    assertThat(m.answersTo("shop:what-is-the-price-of-item")).isTrue();
  }
}
