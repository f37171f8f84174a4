package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.agent.Policies;
import dev.skillwright.trajectories.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code bench --perf} counts as an element acted on that the model's view still shows. */
class PerfBenchTest {
  private static final String SNAPSHOT = """
      - generic [ref=e1]:
        - heading "Your cart" [level=1] [ref=e2]
        - list [ref=e3]:
          - listitem [ref=e4]: Say "hi" mug
        - button "Remove \\"Say hi\\" mug" [ref=e5] [cursor=pointer]
        - link "Checkout" [ref=e6] [cursor=pointer]:
          - /url: /checkout
      """;

  private static boolean shown(String ref, String role, String name) {
    return PerfBench.shows(Policies.modelView(SNAPSHOT, "http://shop.test/cart"),
        new Target(ref, role, name, List.of()));
  }

  @Test
  void a_control_is_shown_by_its_ref_even_with_quotes_in_its_name() {
    assertThat(shown("e5", "button", "Remove \"Say hi\" mug")).isTrue();
    assertThat(shown("e6", "link", "Checkout")).isTrue();
  }

  @Test
  void an_element_whose_ref_the_view_drops_is_shown_by_its_role_and_name() {
    assertThat(Policies.modelView(SNAPSHOT, "http://shop.test/cart")).doesNotContain("[ref=e2]");
    assertThat(shown("e2", "heading", "Your cart")).isTrue();
  }

  @Test
  void an_element_not_on_the_page_is_not_shown() {
    assertThat(shown("e9", "button", "Pay now")).isFalse();
    assertThat(shown("e9", "heading", "Checkout")).isFalse();
  }
}
