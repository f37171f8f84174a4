package dev.skillwright.envs;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.trajectories.BadInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/** The shop, driven by Playwright in real Chromium the way a shopper would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopSiteTest {
  Site shop;
  BrowserSession browser;

  @BeforeAll
  void start() {
    shop = Sites.start("shop");
    browser = BrowserSession.launch(BrowserConfig.defaults());
  }

  @AfterAll
  void stop() {
    browser.close();
    shop.close();
  }

  Tab tab() {
    Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()));
    assertThat(tab.navigate(shop.baseUrl()).ok()).isTrue();
    return tab;
  }

  String visitor(Tab tab) {
    return tab.cookie(shop.visitorCookie()).orElseThrow();
  }

  void addToCart(Page page, String product, int quantity) {
    page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search products"))
        .fill(product);
    page.keyboard().press("Enter");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(product).setExact(true))
        .click();
    page.getByLabel("Quantity").fill(String.valueOf(quantity));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
  }

  @Test
  void a_shopper_searches_adds_to_cart_and_checks_out() {
    try (Tab tab = tab()) {
      Page page = TestTabs.page(tab);
      addToCart(page, "Blue Ceramic Mug", 2);
      assertThat(page.url()).endsWith("/cart");
      assertThat(page.getByRole(AriaRole.STATUS).textContent())
          .isEqualTo("Added 2 × Blue Ceramic Mug to your cart.");

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Checkout")).click();
      page.getByLabel("Full name").fill("Ada Lovelace");
      page.getByLabel("Email").fill("ada@example.com");
      page.getByLabel("Shipping address").fill("12 Analytical Row");
      page.getByLabel("Shipping method").selectOption("express");
      page.getByLabel("I accept the terms and conditions").check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

      assertThat(page.url()).endsWith("/order/SW-1001");
      assertThat(page.getByRole(AriaRole.STATUS).textContent())
          .isEqualTo("Order SW-1001 is confirmed.");
      Map<String, Object> truth = shop.groundTruth(visitor(tab));
      assertThat((Map<?, ?>) truth.get("cart")).isEmpty();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> orders = (List<Map<String, Object>>) truth.get("orders");
      assertThat(orders).singleElement().satisfies(o -> {
        assertThat(o).containsEntry("id", "SW-1001").containsEntry("email", "ada@example.com")
            .containsEntry("shipping", "express").containsEntry("totalCents", 2400);
        assertThat(o.get("items")).isEqualTo(Map.of("Blue Ceramic Mug", 2));
      });
    }
  }

  @Test
  void checkout_validates_every_field_and_keeps_what_was_typed() {
    try (Tab tab = tab()) {
      Page page = TestTabs.page(tab);
      page.navigate(shop.baseUrl() + "checkout");
      page.getByLabel("Email").fill("not-an-email");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

      String alert = page.getByRole(AriaRole.ALERT).textContent();
      assertThat(alert).contains("Your cart is empty.", "Enter your full name.",
          "Enter a valid email address.", "Enter a shipping address.",
          "Accept the terms to place the order.");
      assertThat(page.getByLabel("Email").inputValue()).isEqualTo("not-an-email");
      assertThat((List<?>) shop.groundTruth(visitor(tab)).get("orders")).isEmpty();
    }
  }

  @Test
  void categories_sort_and_paginate() {
    try (Tab tab = tab()) {
      Page page = TestTabs.page(tab);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Kitchen").setExact(true))
          .first().click();
      PlaywrightAssertions.assertThat(page.getByText("Page 1 of 2")).isVisible();
      page.getByLabel("Sort by").selectOption("price-asc");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
      page.waitForURL("**/category/kitchen?sort=price-asc");

      List<String> firstPage = page.locator(".products li a").allTextContents();
      assertThat(firstPage).first().isEqualTo("Striped Tea Towel");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next page")).click();
      PlaywrightAssertions.assertThat(page.getByText("Page 2 of 2")).isVisible();
      assertThat(page.locator(".products li a").allTextContents()).last()
          .isEqualTo("Steel Chef Knife");
    }
  }

  @Test
  void every_browser_context_is_a_fresh_visitor_and_reset_forgets_all() {
    try (Tab first = tab(); Tab second = tab()) {
      addToCart(TestTabs.page(first), "Hand Trowel", 1);

      assertThat(shop.groundTruth(visitor(first)).get("cart")).isEqualTo(Map.of("Hand Trowel", 1));
      assertThat((Map<?, ?>) shop.groundTruth(visitor(second)).get("cart")).isEmpty();
      TestTabs.page(second).reload();
      PlaywrightAssertions.assertThat(TestTabs.page(second).getByText("Cart (0)")).isVisible();

      shop.reset();
      assertThat((Map<?, ?>) shop.groundTruth(visitor(first)).get("cart")).isEmpty();
    }
  }

  @Test
  void page_content_is_escaped() {
    try (Tab tab = tab()) {
      Page page = TestTabs.page(tab);
      page.navigate(shop.baseUrl() + "search?q=%3Cscript%3Ewindow.owned%3D1%3C%2Fscript%3E");
      assertThat(page.getByRole(AriaRole.HEADING).first().textContent())
          .isEqualTo("Results for \u201c<script>window.owned=1</script>\u201d");
      assertThat(page.evaluate("() => window.owned === undefined")).isEqualTo(true);
    }
  }

  @Test
  void no_url_of_the_site_exposes_the_ground_truth() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("state", "api/state", "ground-truth", "orders", "admin")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create(shop.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
    }
    HttpResponse<String> order = http.send(HttpRequest.newBuilder(
        URI.create(shop.baseUrl() + "order/SW-1001")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(order.statusCode()).as("another visitor's order").isEqualTo(404);
  }

  @Test
  void an_unknown_env_is_bad_input_naming_the_known_ones() {
    assertThatThrownBy(() -> Sites.start("bank"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("unknown env 'bank': the bundled sites are shop, forum, wiki, tracker");
  }

  @Test
  void reviews_load_after_the_product_and_removing_asks_first() {
    try (Tab tab = tab()) {
      Page page = TestTabs.page(tab);
      addToCart(page, "Hand Trowel", 1);
      try (HeldRequest reviews = HeldRequest.hold(page, shop.baseUrl()
          + "product/hand-trowel/reviews")) {
        tab.navigate(shop.baseUrl() + "product/hand-trowel");
        reviews.awaitAsked();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).isEqualTo("Loading reviews…");
      }
      page.getByText("Rating: 3.4 out of 5").waitFor();

      tab.navigate(shop.baseUrl() + "cart");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove Hand Trowel"))
          .click();
      var dialog = page.getByRole(AriaRole.DIALOG);
      assertThat(dialog.getByRole(AriaRole.HEADING).textContent())
          .isEqualTo("Remove Hand Trowel from your cart?");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, remove it"))
          .click();
      PlaywrightAssertions.assertThat(page.getByText("Your cart is empty.")).isVisible();
      assertThat(shop.groundTruth(visitor(tab)).get("cart")).isEqualTo(Map.of());
    }
  }
}
