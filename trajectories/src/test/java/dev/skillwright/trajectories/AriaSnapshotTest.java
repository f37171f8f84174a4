package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.AriaSnapshot.Node;
import org.junit.jupiter.api.Test;

class AriaSnapshotTest {
  // Captured from Chromium 156 with Playwright 1.62, AI mode.
  static final String SHOP = """
      - generic [active] [ref=e1]:
        - navigation [ref=e2]:
          - link "Home" [ref=e3] [cursor=pointer]:
            - /url: /
          - link "Cart (2)" [ref=e4] [cursor=pointer]:
            - /url: /cart
        - heading "Blue Ceramic Mug" [level=1] [ref=e5]
        - paragraph [ref=e6]: "Price: $12.00"
        - search [ref=e7]:
          - searchbox "Search products" [ref=e8]
          - button "Search" [ref=e9]
        - generic [ref=e10]:
          - generic [ref=e11]:
            - text: Quantity
            - spinbutton "Quantity" [ref=e12]: "1"
          - combobox "Color" [ref=e13]:
            - option "Blue"
            - option "Red" [selected]
          - checkbox "Gift wrap" [checked] [ref=e15]
          - textbox "Email" [ref=e17]: a@b.c
          - button "Add to cart" [ref=e18]
        - alert [ref=e22]: Please fill in your name
      """;

  @Test
  void parses_roles_names_refs_attributes_and_values() {
    AriaSnapshot s = AriaSnapshot.parse(SHOP);

    Node heading = s.byRef("e5").orElseThrow();
    assertThat(heading.role()).isEqualTo("heading");
    assertThat(heading.name()).isEqualTo("Blue Ceramic Mug");
    assertThat(heading.attrs()).containsEntry("level", "1");
    assertThat(s.byRef("e6").orElseThrow().value()).isEqualTo("Price: $12.00");
    assertThat(s.byRef("e12").orElseThrow().value()).isEqualTo("1");
    assertThat(s.byRef("e17").orElseThrow().value()).isEqualTo("a@b.c");
    assertThat(s.byRef("e15").orElseThrow().has("checked")).isTrue();
  }

  @Test
  void url_lines_become_the_url_of_their_link() {
    AriaSnapshot s = AriaSnapshot.parse(SHOP);

    assertThat(s.byRef("e4").orElseThrow().url()).isEqualTo("/cart");
    assertThat(s.byRef("e3").orElseThrow().url()).isEqualTo("/");
    assertThat(s.nodes()).noneMatch(n -> n.role().startsWith("/"));
  }

  @Test
  void nodes_know_their_parents_and_descendants() {
    AriaSnapshot s = AriaSnapshot.parse(SHOP);
    Node box = s.byRef("e8").orElseThrow();
    Node combo = s.byRef("e13").orElseThrow();

    assertThat(s.parentOf(box).orElseThrow().ref()).isEqualTo("e7");
    assertThat(s.descendants(combo)).extracting(Node::name).containsExactly("Blue", "Red");
    assertThat(SignalCheck.valueOf(combo, s)).isEqualTo("Red");
  }

  @Test
  void text_holds_every_name_and_value() {
    String text = AriaSnapshot.parse(SHOP).text();

    assertThat(text).contains("Cart (2)", "Price: $12.00", "Please fill in your name", "Quantity");
  }

  @Test
  void quoted_names_keep_escaped_quotes_and_colons() {
    AriaSnapshot s = AriaSnapshot.parse("""
        - heading "Say \\"hi\\": now" [level=2] [ref=e1]
        - 'link "a: b" [ref=e2]'
        """);

    assertThat(s.byRef("e1").orElseThrow().name()).isEqualTo("Say \"hi\": now");
    assertThat(s.byRef("e2").orElseThrow().name()).isEqualTo("a: b");
  }

  @Test
  void empty_or_garbled_input_gives_no_nodes_and_no_error() {
    assertThat(AriaSnapshot.parse("").isEmpty()).isTrue();
    assertThat(AriaSnapshot.parse(null).isEmpty()).isTrue();
    assertThat(AriaSnapshot.parse("not yaml at all\n  ::: [").isEmpty()).isTrue();
  }

  @Test
  void a_yaml_quoted_node_with_children_keeps_its_role_name_and_url() {
    AriaSnapshot s = AriaSnapshot.parse("""
        - tab [ref=e1]:
          - 'link "Tab #2" [ref=e2] [cursor=pointer]':
            - /url: "#t2"
        """);

    Node link = s.byRef("e2").orElseThrow();
    assertThat(link.role()).isEqualTo("link");
    assertThat(link.name()).isEqualTo("Tab #2");
    assertThat(link.url()).isEqualTo("#t2");
  }
}
