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
  void a_link_the_first_step_clicks_is_replaced_by_one_on_the_start_page_to_a_page_alike() {
    Skill.Parameter page = new Skill.Parameter("page", "string", List.of("Office"));
    Skill s = new Skill(1, "shop:y", "y", "shop", "y", List.of(page), List.of(
        new dev.skillwright.trajectories.Action.Click(
            dev.skillwright.trajectories.Target.of(null, "link", "{page}"))), "*/",
        SuccessSignal.none(), List.of(), List.of());
    ArgumentPicker.SiteValues site = new ArgumentPicker.SiteValues(
        List.of("Red Enamel Teapot"), List.of("Red Enamel Teapot", "About", "Office", "Garden"),
        List.of(), Set.of("about", "office", "garden"), Map.of(
            "red enamel teapot", "http://h/product/red-enamel-teapot",
            "about", "http://h/about", "office", "http://h/category/office",
            "garden", "http://h/category/garden"));

    assertThat(ArgumentPicker.pick(s, site)).containsExactly(Map.entry("page", "Garden"));

    // the same when the first step calls a skill with the value; a paging link goes to a page
    // of the same shape, but the start page does not show it
    Skill composed = new Skill(1, "shop:z", "z", "shop", "z", List.of(page), List.of(
        new dev.skillwright.trajectories.Action.UseSkill("shop:y", Map.of("page", "{page}"))),
        "*/", SuccessSignal.none(), List.of(), List.of());
    ArgumentPicker.SiteValues paged = new ArgumentPicker.SiteValues(List.of(),
        List.of("Office", "Previous page", "Garden"), List.of(), Set.of("office", "garden"),
        Map.of("office", "http://h/category/office", "previous page",
            "http://h/category/office?page=1", "garden", "http://h/category/garden"));
    assertThat(ArgumentPicker.pick(composed, paged)).containsExactly(Map.entry("page", "Garden"));

    // the start page shows no other: no value to verify with, rather than one it cannot reach
    ArgumentPicker.SiteValues alone = new ArgumentPicker.SiteValues(List.of(),
        List.of("Office", "Garden"), List.of(), Set.of("office"), Map.of(
            "office", "http://h/category/office", "garden", "http://h/category/garden"));
    assertThat(ArgumentPicker.several(s, alone, 3)).containsExactly(Map.of());
  }

  @Test
  void several_tries_take_different_values_while_the_site_has_them() {
    List<Map<String, String>> tries = ArgumentPicker.several(skill(
        new Skill.Parameter("query", "string", List.of("mug")),
        new Skill.Parameter("item", "string", List.of("Blue Ceramic Mug"))), SHOP, 3);

    assertThat(tries).containsExactly(Map.of("query", "trowel", "item", "Hand Trowel"),
        Map.of("query", "hose", "item", "Garden Hose"));
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
