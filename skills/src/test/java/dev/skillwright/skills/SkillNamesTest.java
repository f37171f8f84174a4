package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Skill names read like functions: a verb and its object, the values left to parameters. */
class SkillNamesTest {
  static final List<Action> NONE = List.of();

  @Test
  void a_verb_and_its_object_with_the_values_left_out() {
    assertThat(SkillNames.of("Add {item} to the cart", NONE)).isEqualTo("add_to_cart");
    assertThat(SkillNames.of("Remove \"{item}\" from the cart", NONE))
        .isEqualTo("remove_from_cart");
    assertThat(SkillNames.of("Open the {category} category", NONE)).isEqualTo("open_category");
    assertThat(SkillNames.of("Go to the {page} page", NONE)).isEqualTo("open_page");
    assertThat(SkillNames.of("Open \"{item}\"", NONE)).isEqualTo("open_item");
    assertThat(SkillNames.of("Sort the {category} category by {option}", NONE))
        .isEqualTo("sort_category");
    assertThat(SkillNames.of("Log in as {username}", NONE)).isEqualTo("log_in");
  }

  @Test
  void a_question_is_a_getter_of_what_it_asks() {
    assertThat(SkillNames.of("What is the price of {item}", NONE)).isEqualTo("get_price");
    assertThat(SkillNames.of("How many reviews does {item} have", NONE))
        .isEqualTo("get_reviews");
    assertThat(SkillNames.of("Tell me the opening hours of {store}", NONE))
        .isEqualTo("get_opening_hours");
  }

  @Test
  void a_search_is_named_after_the_box_it_types_into() {
    Target box = new Target(null, "searchbox", "Search products",
        List.of(LocatorCandidate.role("searchbox", "Search products")));
    List<Action> steps = List.of(new Action.Fill(box, "{query}"), new Action.Press(box, "Enter"));

    assertThat(SkillNames.of("Search for {query}", steps)).isEqualTo("search_products");
    assertThat(SkillNames.of("Search for {query}", NONE)).isEqualTo("search_query");
    assertThat(SkillNames.of("Search for \"{query}\", then open \"{item}\"", steps))
        .isEqualTo("search_products_then_open_item");
  }

  @Test
  void long_descriptions_keep_two_clauses_and_every_name_is_an_identifier() {
    String a = SkillNames.of("Add {item} to the cart, then open Checkout, fill Full name with "
        + "{name}, then press Place order", NONE);

    assertThat(a).isEqualTo("add_to_cart_then_open_checkout");
    for (String d : List.of("Добавить {item}", "{item}", "42 things to {do}", "!!!",
        "Let's add {item} to the cart", "Open {item_} and {x__y}",
        "Click \"Save\" and \"Close\"")) {
      assertThat(SkillNames.of(d, NONE)).as(d).matches("[a-z][a-z0-9_]{0,47}");
    }
    assertThat(SkillNames.isApiName("add_to_cart")).isTrue();
    assertThat(SkillNames.isApiName("add-item-to-the-cart")).isFalse();
  }
}
