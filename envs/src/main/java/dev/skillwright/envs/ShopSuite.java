package dev.skillwright.envs;

import static dev.skillwright.envs.Checks.all;
import static dev.skillwright.envs.Checks.answerHas;
import static dev.skillwright.envs.Checks.infeasible;
import static dev.skillwright.envs.Checks.task;
import static dev.skillwright.envs.Checks.url;
import static dev.skillwright.envs.Checks.urlIs;

import dev.skillwright.envs.BenchTask.GroundTruthCheck;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SuccessSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shop's benchmark: 18 tasks from easy to hard, three of them infeasible by design. */
final class ShopSuite {
  /** Shown only once the product page's reviews have loaded. */
  private static final String RATING_TROWEL = "3.4 out of 5";

  private ShopSuite() {}

  static List<BenchTask> tasks() {
    List<BenchTask> t = new ArrayList<>();
    t.add(task("shop-01", "easy", "Go to the \"Garden\" page.",
        url("*/category/garden"), urlIs("*/category/garden")));
    t.add(task("shop-02", "easy", "Search for \"lamp\".",
        url("*/search?*q=lamp*"), urlIs("*/search?*q=lamp*")));
    t.add(task("shop-03", "easy", "What is the price of \"Hand Trowel\"?",
        SuccessSignal.of(new Condition.AnswerContains("$12.99")), answerHas("$12.99")));
    t.add(task("shop-04", "easy", "Search for \"skillet\", then open \"Cast Iron Skillet\".",
        url("*/product/cast-iron-skillet"), urlIs("*/product/cast-iron-skillet")));
    t.add(task("shop-05", "medium", "Add \"Blue Ceramic Mug\" to the cart, then open \"Cart\".",
        inCart("Blue Ceramic Mug"), cartHas("Blue Ceramic Mug")));
    t.add(task("shop-06", "medium", "Add \"Lined Notebook\" to the cart.",
        SuccessSignal.of(new Condition.TextPresent("Lined Notebook")), cartHas("Lined Notebook")));
    t.add(task("shop-07", "medium",
        "Go to the \"Office\" page, then choose \"Price: low to high\" in \"Sort by\".",
        url("*/category/office?*sort=price-asc*"), urlIs("*/category/office?*sort=price-asc*")));
    t.add(task("shop-08", "medium", "What is the price of \"Letters to a Young Maker\"?",
        SuccessSignal.of(new Condition.AnswerContains("$18.50")), answerHas("$18.50")));
    t.add(task("shop-09", "medium", "Go to the \"Books\" page, then choose \"Name\" in \"Sort by\".",
        url("*/category/books?*sort=name*"), urlIs("*/category/books?*sort=name*")));
    t.add(task("shop-10", "medium", "Add \"Garden Hose\" to the cart, then open \"Cart\".",
        inCart("Garden Hose"), cartHas("Garden Hose")));
    t.add(task("shop-11", "hard", "Add \"Pruning Shears\" to the cart, then add \"Hand Trowel\" "
        + "to the cart, then open \"Cart\".", inCart("Hand Trowel"),
        all(cartHas("Pruning Shears"), cartHas("Hand Trowel"))));
    t.add(task("shop-12", "hard", checkout("Steel Chef Knife", "Ada Lovelace",
        "ada.lovelace@example.com", "12 Analytical Row", "Express ($9.00)"), ordered(),
        orderOf("Steel Chef Knife", "express", "ada.lovelace@example.com")));
    t.add(task("shop-13", "hard", checkout("Terracotta Plant Pot", "Grace Hopper",
        "grace.hopper@example.com", "7 Harbor Lane", "Standard (free)"), ordered(),
        orderOf("Terracotta Plant Pot", "standard", "grace.hopper@example.com")));
    t.add(task("shop-14", "hard", "Search for \"coffee\", then open \"Coffee at Dawn\", then add "
        + "\"Coffee at Dawn\" to the cart.", SuccessSignal.of(new Condition.TextPresent(
            "Coffee at Dawn")), cartHas("Coffee at Dawn")));
    t.add(task("shop-18", "medium", "What is the rating of \"Hand Trowel\"?",
        SuccessSignal.of(new Condition.AnswerContains(RATING_TROWEL)), answerHas(RATING_TROWEL)));
    t.add(infeasible("shop-15", "Add \"Golden Unicorn\" to the cart."));
    t.add(infeasible("shop-16", "What is the price of \"Silver Teapot\"?"));
    t.add(infeasible("shop-17", "Go to the \"Electronics\" page."));
    return t;
  }

  static String checkout(String item, String name, String email, String address, String shipping) {
    return "Add \"" + item + "\" to the cart, then open \"Checkout\", fill \"Full name\" with \""
        + name + "\", fill \"Email\" with \"" + email + "\", fill \"Shipping address\" with \""
        + address + "\", choose \"" + shipping + "\" in \"Shipping method\", check \"I accept the "
        + "terms and conditions\", then press \"Place order\".";
  }

  private static SuccessSignal inCart(String item) {
    return SuccessSignal.of(new Condition.UrlMatches("*/cart*"), new Condition.TextPresent(item));
  }

  private static SuccessSignal ordered() {
    return SuccessSignal.of(new Condition.ElementState("button", "Place order", State.ABSENT, null),
        new Condition.ElementState("textbox", "Full name", State.ABSENT, null));
  }

  @SuppressWarnings("unchecked")
  static GroundTruthCheck cartHas(String item) {
    return o -> ((Map<String, Integer>) o.groundTruth().getOrDefault("cart", Map.of()))
        .getOrDefault(item, 0) > 0 ? null : "the cart holds no " + item;
  }

  @SuppressWarnings("unchecked")
  static GroundTruthCheck orderOf(String item, String shipping, String email) {
    return o -> {
      List<Map<String, Object>> orders =
          (List<Map<String, Object>>) o.groundTruth().getOrDefault("orders", List.of());
      boolean found = orders.stream().anyMatch(x -> shipping.equals(x.get("shipping"))
          && email.equals(x.get("email"))
          && ((Map<String, Integer>) x.get("items")).getOrDefault(item, 0) > 0);
      return found ? null : "no order of " + item + " shipped " + shipping + " to " + email;
    };
  }
}
