package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Condition.ElementState.State;
import org.junit.jupiter.api.Test;

class SignalCheckTest {
  final AriaSnapshot page = AriaSnapshot.parse(AriaSnapshotTest.SHOP);

  boolean holds(Condition c, String url, String answer) {
    return SignalCheck.holds(c, url, page, answer);
  }

  @Test
  void url_globs_match_the_whole_url_with_stars_anywhere_ignoring_case() {
    String url = "http://127.0.0.1:8080/category/kitchen?sort=price-asc&page=1";
    assertThat(holds(new Condition.UrlMatches("*/category/Kitchen?*sort=price-asc*"), url, null))
        .isTrue();
    assertThat(holds(new Condition.UrlMatches("*/category/office*"), url, null)).isFalse();
    assertThat(holds(new Condition.UrlMatches("*/category/kitchen"), url, null)).isFalse();
    assertThat(holds(new Condition.UrlMatches("*.?+(x)*"), "a.?+(x)b", null)).isTrue();
  }

  @Test
  void text_and_answer_conditions_fold_case_and_space() {
    assertThat(holds(new Condition.TextPresent("price:   $12.00"), "u", null)).isTrue();
    assertThat(holds(new Condition.TextPresent("Teapot"), "u", null)).isFalse();
    assertThat(holds(new Condition.AnswerContains("$12.00"), "u", "It costs $12.00.")).isTrue();
    assertThat(holds(new Condition.AnswerContains("$12.00"), "u", null)).isFalse();
  }

  @Test
  void element_states_read_presence_checks_and_values() {
    assertThat(holds(new Condition.ElementState("button", "Add to cart", State.PRESENT, null),
        "u", null)).isTrue();
    assertThat(holds(new Condition.ElementState("button", "Place order", State.ABSENT, null),
        "u", null)).isTrue();
    assertThat(holds(new Condition.ElementState("checkbox", "Gift wrap", State.CHECKED, null),
        "u", null)).isTrue();
    assertThat(holds(new Condition.ElementState("combobox", "Color", State.HAS_VALUE, "red"),
        "u", null)).isTrue();
    assertThat(holds(new Condition.ElementState("combobox", "Color", State.HAS_VALUE, "Blue"),
        "u", null)).isFalse();
    assertThat(holds(new Condition.ElementState("textbox", "Email", State.HAS_VALUE, "a@b.c"),
        "u", null)).isTrue();
  }

  @Test
  void unmet_names_each_condition_that_fails() {
    SuccessSignal s = SuccessSignal.of(new Condition.UrlMatches("*/cart"),
        new Condition.TextPresent("Blue Ceramic Mug"));

    assertThat(SignalCheck.unmet(s, "http://x/product/1", page, null))
        .containsExactly("the URL matches */cart");
  }
}
