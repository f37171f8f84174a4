package dev.skillwright.envs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.BenchTask.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shop suite's checkers, on scripted right and wrong outcomes (see also SuitesTest). */
class ShopSuiteTest {
  static final Map<String, Object> EMPTY = Map.of("cart", Map.of(), "orders", List.of());

  @Test
  void state_checks_read_the_ground_truth_not_the_page() {
    BenchTask mug = task("shop-05");
    BenchTask knife = task("shop-12");
    Outcome carted = new Outcome(false, "Done.", "http://x/cart",
        Map.of("cart", Map.of("Blue Ceramic Mug", 1), "orders", List.of()));
    Outcome otherItem = new Outcome(false, "Done.", "http://x/cart",
        Map.of("cart", Map.of("Hand Trowel", 1), "orders", List.of()));
    Outcome ordered = new Outcome(false, "Done.", "http://x/order/SW-1001", Map.of("cart", Map.of(),
        "orders", List.of(Map.of("items", Map.of("Steel Chef Knife", 1), "shipping", "express",
            "email", "ada.lovelace@example.com"))));
    Outcome wrongShipping = new Outcome(false, "Done.", "http://x/order/SW-1001", Map.of("cart",
        Map.of(), "orders", List.of(Map.of("items", Map.of("Steel Chef Knife", 1),
            "shipping", "standard", "email", "ada.lovelace@example.com"))));

    assertThat(mug.check().fail(carted)).isNull();
    assertThat(mug.check().fail(otherItem)).isEqualTo("the cart holds no Blue Ceramic Mug");
    assertThat(knife.check().fail(ordered)).isNull();
    assertThat(knife.check().fail(wrongShipping)).startsWith("no order of Steel Chef Knife");
  }

  @Test
  void answer_and_url_checks_are_exact_about_what_they_need() {
    assertThat(task("shop-03").check().fail(new Outcome(false, "$12.99", "u", EMPTY))).isNull();
    assertThat(task("shop-03").check().fail(new Outcome(false, "$12.90", "u", EMPTY))).isNotNull();
    assertThat(task("shop-07").check().fail(new Outcome(false, "Done.",
        "http://x/category/office?sort=price-asc", EMPTY))).isNull();
    assertThat(task("shop-07").check().fail(new Outcome(false, "Done.",
        "http://x/category/office?sort=price-desc", EMPTY))).isNotNull();
  }

  static BenchTask task(String id) {
    return Sites.suite("shop").stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }
}
