package dev.skillwright.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageTextTest {
  static final String PAGE = """
      - generic [active] [ref=e1]:
        - banner [ref=e2]:
          - link "Cart (0)" [ref=e9] [cursor=pointer]:
            - /url: /cart
        - generic [ref=e10]:
          - generic [ref=e11]:
            - text: Quantity
            - spinbutton "Quantity" [ref=e12]: "1"
          - button "Add to cart" [ref=e18]
      """;

  @Test
  void wrappers_marks_and_refs_of_what_cannot_act_go_while_names_values_and_urls_stay() {
    assertThat(PageText.compact(PAGE, 10_000)).isEqualTo("""
        - banner:
         - link "Cart (0)" [ref=e9] -> /cart
        - text: Quantity
        - spinbutton "Quantity" [ref=e12]: "1"
        - button "Add to cart" [ref=e18]
        """);
  }

  @Test
  void a_clickable_wrapper_keeps_its_ref_and_a_link_with_more_inside_keeps_its_children() {
    String page = """
        - generic [ref=e3] [cursor=pointer]:
          - text: Open the menu
        - link "Profile" [ref=e4] [cursor=pointer]:
          - /url: /me
          - img "Avatar" [ref=e5]
        - heading "Welcome" [level=1] [ref=e6]
        - link "Garden Hose" [ref=e7] [cursor=pointer]:
          - /url: /product/garden-hose
        """;
    assertThat(PageText.compact(page, 10_000)).isEqualTo("""
        - generic [ref=e3]:
         - text: Open the menu
        - link "Profile" [ref=e4]: -> /me
         - img "Avatar" [ref=e5]
        - heading "Welcome" [level=1]
        - link "Garden Hose" [ref=e7]
        """);
  }

  @Test
  void past_the_budget_it_cuts_at_a_line_and_says_so() {
    String out = PageText.compact(PAGE, 60);

    assertThat(out).startsWith("- banner:\n").endsWith("(3 more lines not shown)\n");
    assertThat(out.length()).isLessThan(110);
  }
}
