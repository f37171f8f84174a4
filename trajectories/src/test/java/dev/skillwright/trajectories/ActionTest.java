package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionTest {
  final Target box = Target.of("e8", "searchbox", "Search products");

  @Test
  void actions_describe_themselves_in_one_line_with_their_values() {
    assertThat(new Action.Fill(box, "mug").describe())
        .isEqualTo("fill searchbox \"Search products\" with \"mug\"");
    assertThat(new Action.Press(box, "Enter").describe())
        .isEqualTo("press Enter on searchbox \"Search products\"");
    assertThat(new Action.Select(Target.of("e9", "combobox", "Sort by"), "Name").describe())
        .isEqualTo("select \"Name\" in combobox \"Sort by\"");
    assertThat(new Action.Click(Target.of("e1", "link", "")).describe()).isEqualTo("click link");
    assertThat(new Action.Answer("$12.99").describe()).isEqualTo("answer \"$12.99\"");
    assertThat(new Action.Back().describe()).isEqualTo("back");
  }

  @Test
  void json_holds_the_type_and_fields_only() throws Exception {
    String json = Json.compact()
        .writerFor(new com.fasterxml.jackson.core.type.TypeReference<List<Action>>() {})
        .writeValueAsString(List.of(new Action.Back(), new Action.Fill(box, "mug")));

    assertThat(json).isEqualTo("[{\"type\":\"back\"},{\"type\":\"fill\",\"target\":{\"ref\":\"e8\","
        + "\"role\":\"searchbox\",\"name\":\"Search products\",\"locators\":[]},\"text\":\"mug\"}]");
  }

  @Test
  void a_target_that_depends_on_a_value_keeps_only_the_locators_that_carry_it() {
    Target teapot = new Target(null, "link", "Red Enamel Teapot", List.of(
        LocatorCandidate.role("link", "Red Enamel Teapot"),
        LocatorCandidate.of(LocatorCandidate.Strategy.TEXT, "Red Enamel Teapot"),
        LocatorCandidate.of(LocatorCandidate.Strategy.TEST_ID, "product-link"),
        LocatorCandidate.of(LocatorCandidate.Strategy.CSS, "main > ul > li:nth-of-type(2) > a")));
    Action click = new Action.Click(teapot);

    Action lifted = click.mapValues(v -> v.replace("Red Enamel Teapot", "{item}"));
    Action bound = lifted.mapValues(v -> v.replace("{item}", "Brass Desk Lamp"));

    // the positional path and the fixed test id would click the teapot whatever the item
    assertThat(lifted.target().locators()).containsExactly(
        LocatorCandidate.role("link", "{item}"),
        LocatorCandidate.of(LocatorCandidate.Strategy.TEXT, "{item}"));
    assertThat(bound.target().locators()).extracting(LocatorCandidate::strategy)
        .containsExactly(LocatorCandidate.Strategy.ROLE, LocatorCandidate.Strategy.TEXT);
    assertThat(bound.target().name()).isEqualTo("Brass Desk Lamp");
    // a target no value touches keeps every locator
    assertThat(click.mapValues(v -> v.replace("mug", "{query}")).target().locators())
        .hasSize(4);
  }

  @Test
  void an_old_skill_with_a_positional_fallback_is_bound_without_it() {
    Target stored = new Target(null, "link", "{item}", List.of(
        LocatorCandidate.role("link", "{item}"),
        LocatorCandidate.of(LocatorCandidate.Strategy.CSS, "main > ul > li:nth-of-type(2) > a")));

    Action bound = new Action.Click(stored).mapValues(v -> v.replace("{item}", "Brass Desk Lamp"));

    assertThat(bound.target().locators()).containsExactly(
        LocatorCandidate.role("link", "Brass Desk Lamp"));
  }
}
