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
  void wrappers_and_marks_go_while_refs_names_values_and_urls_stay() {
    assertThat(PageText.compact(PAGE, 10_000)).isEqualTo("""
        - banner [ref=e2]:
          - link "Cart (0)" [ref=e9]:
            - /url: /cart
        - text: Quantity
        - spinbutton "Quantity" [ref=e12]: "1"
        - button "Add to cart" [ref=e18]
        """);
  }

  @Test
  void past_the_budget_it_cuts_at_a_line_and_says_so() {
    String out = PageText.compact(PAGE, 60);

    assertThat(out).startsWith("- banner [ref=e2]:\n").endsWith("(4 more lines not shown)\n");
    assertThat(out.length()).isLessThan(110);
  }
}
