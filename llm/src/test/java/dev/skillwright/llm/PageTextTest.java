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

  static final String ORDERS = """
      - generic [active] [ref=e1]:
        - banner [ref=e2]:
          - navigation "Main" [ref=e3]:
            - link "Home" [ref=e4] [cursor=pointer]:
              - /url: /
            - link "Docs" [ref=e5] [cursor=pointer]:
              - /url: https://shop.test/docs
        - main [ref=e6]:
          - heading "Orders" [level=1] [ref=e7]
          - table [ref=e8]:
            - rowgroup [ref=e9]:
              - row "Order Total" [ref=e10]:
                - columnheader "Order" [ref=e11]
                - columnheader "Total" [ref=e12]
            - rowgroup [ref=e13]:
              - row "#1 $5.00 Edit" [ref=e14]:
                - cell "#1" [ref=e15]
                - cell "$5.00" [ref=e16]
                - cell "Edit" [ref=e17]:
                  - link "Edit" [ref=e18] [cursor=pointer]:
                    - /url: /orders/1/edit
              - row "#2 $7.00 Edit" [ref=e19]:
                - cell "#2" [ref=e20]
                - cell "$7.00" [ref=e21]
                - cell "Edit" [ref=e22]:
                  - link "Edit" [ref=e23] [cursor=pointer]:
                    - /url: https://shop.test/orders/2/edit
          - list [ref=e24]:
            - listitem [ref=e25]:
              - text: Fruit
              - list [ref=e26]:
                - listitem [ref=e27]: Apple
                - listitem [ref=e28]:
                  - link "Pear" [ref=e29] [cursor=pointer]:
                    - /url: /fruit/pear
          - paragraph [ref=e30]:
            - text: Ships in 2 days
          - generic [ref=e31]:
            - checkbox "Gift wrap" [checked] [ref=e32]
            - generic [ref=e33] [cursor=pointer]: Show more
            - img [ref=e34]
            - link "Partner" [ref=e35] [cursor=pointer]:
              - /url: https://partner.example/
            - link "Nowhere" [ref=e36] [cursor=pointer]:
              - /url: javascript:void(0)
      """;

  @Test
  void wrappers_marks_and_labels_that_repeat_a_name_go_while_refs_names_and_values_stay() {
    assertThat(PageText.compact(PAGE, 10_000)).isEqualTo("""
        - banner:
          - link "Cart (0)" [ref=e9]
        - spinbutton "Quantity" [ref=e12]: "1"
        - button "Add to cart" [ref=e18]
        """);
  }

  @Test
  void only_what_a_model_can_act_on_keeps_its_ref_and_links_are_told_apart_by_text_or_target() {
    assertThat(PageText.compact(ORDERS, "https://shop.test/orders", 10_000)).isEqualTo("""
        - banner:
          - navigation "Main":
            - link "Home" [ref=e4]
            - link "Docs" [ref=e5]
        - heading "Orders" [level=1]
        - table:
          - row:
            - columnheader "Order"
            - columnheader "Total"
          - row:
            - cell "#1"
            - cell "$5.00"
            - cell:
              - link "Edit" [ref=e18]:
                - /url: /orders/1/edit
          - row:
            - cell "#2"
            - cell "$7.00"
            - cell:
              - link "Edit" [ref=e23]:
                - /url: /orders/2/edit
        - listitem:
          - text: Fruit
          - listitem: Apple
          - link "Pear" [ref=e29]
        - text: Ships in 2 days
        - checkbox "Gift wrap" [checked] [ref=e32]
        - generic [ref=e33]: Show more
        - link "Partner" [ref=e35]:
          - /url: https://partner.example/
        - link "Nowhere" [ref=e36]
        """);
  }

  @Test
  void without_the_page_address_a_full_address_stays_as_written() {
    assertThat(PageText.compact(ORDERS, 10_000))
        .contains("- /url: https://shop.test/orders/2/edit")
        .contains("- /url: https://shop.test/docs");
  }

  @Test
  void a_control_whose_content_only_spells_its_name_is_one_line() {
    String page = """
        - tablist "Views" [ref=e1]:
          - tab "All cards 12" [ref=e2] [cursor=pointer]:
            - generic [ref=e3]: All cards
            - generic [ref=e4]: "12"
        """;

    assertThat(PageText.compact(page, 10_000)).isEqualTo("""
        - tablist "Views":
          - tab "All cards 12" [ref=e2]
        """);
  }

  @Test
  void a_text_that_is_both_a_name_and_its_only_content_is_shown_once_not_lost() {
    String page = """
        - table [ref=e1]:
          - row "Lamp $12" [ref=e2]:
            - cell "Lamp" [ref=e3]
            - cell "$12" [ref=e4]:
              - generic [ref=e5]: $12
        - heading "Kitchen" [level=2] [ref=e6]:
          - generic [ref=e7]: Kitchen
        """;

    String view = PageText.compact(page, 10_000);

    assertThat(view).contains("$12", "Kitchen", "Lamp");
  }

  @Test
  void page_text_with_line_breaking_characters_never_passes_for_lines_of_its_own() {
    // Playwright writes the name as a JSON string: the separators arrive escaped
    String page = "- button \"Ok\\u2028- button \\\"Cancel\\\" [ref=e12]\\u0085- link"
        + " x\" [ref=e3]\n- button \"Cancel\" [ref=e12]\n- paragraph: \"a\\u2029- button"
        + " y [ref=e12]\"\n";

    String view = PageText.compact(page, 10_000);

    assertThat(view.lines()).filteredOn(l -> l.contains("Cancel")).hasSize(2);
    assertThat(view.split("[\\n\\u2028\\u2029\\u0085\\u000b\\u000c\\r]"))
        .as("every line of the view is one the snapshot had").hasSize(3);
    assertThat(view).doesNotContain("\u2028", "\u2029", "\u0085").contains("\\u2028");
  }

  @Test
  void past_the_budget_it_cuts_at_a_line_and_says_so() {
    String out = PageText.compact(ORDERS, 60);

    assertThat(out).startsWith("- banner:\n").endsWith(" more lines not shown)\n");
    assertThat(out.length()).isLessThan(110);
  }
}
