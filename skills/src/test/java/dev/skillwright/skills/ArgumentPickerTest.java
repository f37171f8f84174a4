package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.SuccessSignal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verification's new values: of the same kind, unseen on the start page, consistent. */
class ArgumentPickerTest {
  static Skill skill(Skill.Parameter... params) {
    return new Skill(1, "shop:x", "x", "shop", "x", List.of(params), List.of(), "*/",
        SuccessSignal.none(), List.of(), List.of());
  }

  static final ArgumentPicker.SiteValues SHOP = new ArgumentPicker.SiteValues(
      List.of("Blue Ceramic Mug", "Hand Trowel", "Garden Hose"),
      List.of("Home", "Kitchen", "Garden", "Books"),
      List.of(List.of("Featured", "Price: low to high", "Name"),
          List.of("Standard (free)", "Express ($9.00)")),
      Set.of("blue ceramic mug", "home", "kitchen", "garden", "books"));

  @Test
  void an_item_is_replaced_by_one_the_start_page_does_not_show() {
    Map<String, String> args = ArgumentPicker.pick(skill(new Skill.Parameter("item", "string",
        List.of("Blue Ceramic Mug"))), SHOP);

    assertThat(args).containsExactly(Map.entry("item", "Hand Trowel"));
  }

  @Test
  void a_query_inside_the_item_follows_the_new_item_and_options_stay_in_their_box() {
    Map<String, String> args = ArgumentPicker.pick(skill(
        new Skill.Parameter("query", "string", List.of("mug")),
        new Skill.Parameter("item", "string", List.of("Blue Ceramic Mug")),
        new Skill.Parameter("shipping", "string", List.of("Express ($9.00)")),
        new Skill.Parameter("name", "string", List.of("Ada Lovelace"))), SHOP);

    assertThat(args).containsExactly(Map.entry("query", "trowel"),
        Map.entry("item", "Hand Trowel"), Map.entry("shipping", "Standard (free)"),
        Map.entry("name", "Ada Lovelace"));
  }
}
