package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.AriaSnapshot;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Where an answer was read is found on the page it was read from, and read again elsewhere. */
class ReadingTest {
  static final UnaryOperator<String> NONE = s -> s;

  static AriaSnapshot page(String yaml) {
    return AriaSnapshot.parse(yaml);
  }

  @Test
  void a_labelled_value_is_read_by_its_label_whatever_the_number() {
    Reading r = Reading.find(page("""
        - heading "Blue Ceramic Mug" [level=1]
        - paragraph [ref=e5]: "Price: $12.00"
        - button "Add to cart" [ref=e6]
        """), "$12.00", NONE).orElseThrow();

    assertThat(r.role()).isEqualTo("paragraph");
    assertThat(r.before()).isEqualTo("Price:");
    assertThat(r.read(page("- paragraph [ref=e9]: \"Price:   $1,299.50\""))).contains("$1,299.50");
    // a text of another role with the same label is read when the role has none
    assertThat(r.read(page("- text: \"Price: $8.00\""))).contains("$8.00");
    assertThat(r.read(page("- paragraph: \"Price: call us\""))).isEmpty();
    assertThat(r.read(page("- paragraph: \"Shipping: $4.00\""))).isEmpty();
  }

  @Test
  void the_label_the_page_gives_the_value_wins_over_an_earlier_mention() {
    UnaryOperator<String> lift = s -> s.replace("Hand Trowel", "{item}");
    Reading r = Reading.find(page("""
        - listitem: Hand Trowel $12.99
        - heading "Hand Trowel" [level=1]
        - paragraph: "Price: $12.99"
        """), "$12.99", lift).orElseThrow();

    assertThat(r.before()).isEqualTo("Price:");
    assertThat(r.role()).isEqualTo("paragraph");
  }

  @Test
  void an_answer_in_a_sentence_is_read_by_the_part_the_page_shows() {
    Reading r = Reading.find(page("- paragraph: \"Price: $12.99\""),
        "The price of the trowel is $12.99.", NONE).orElseThrow();

    assertThat(r.before()).isEqualTo("Price:");
    assertThat(r.read(page("- paragraph: \"Price: $3.10\""))).contains("$3.10");
  }

  @Test
  void a_value_alone_is_read_under_the_label_before_it() {
    Reading term = Reading.find(page("""
        - term [ref=e1]: Weight
        - definition [ref=e2]: 2 kg
        - term [ref=e3]: Colour
        - definition [ref=e4]: Blue
        """), "2 kg", NONE).orElseThrow();
    Reading colour = Reading.find(page("""
        - term [ref=e1]: Weight
        - definition [ref=e2]: 2 kg
        - term [ref=e3]: Colour
        - definition [ref=e4]: Blue
        """), "Blue", NONE).orElseThrow();

    assertThat(term.label()).isEqualTo("Weight");
    AriaSnapshot other = page("""
        - term: Colour
        - definition: Green
        - term: Weight
        - definition: 3.5 kg
        """);
    assertThat(term.read(other)).contains("3.5 kg");
    assertThat(colour.read(other)).contains("Green");
  }

  @Test
  void a_table_row_reads_its_cell_by_the_row_label() {
    Reading r = Reading.find(page("""
        - row "Stock 4" [ref=e6]:
          - cell "Stock" [ref=e7]
          - cell "4" [ref=e8]
        """), "4", NONE).orElseThrow();

    assertThat(r.before()).as("the row's own name holds label and value").isEqualTo("Stock");
    assertThat(r.read(page("- row \"Stock 17\":\n  - cell \"Stock\"\n  - cell \"17\"")))
        .contains("17");
  }

  @Test
  void a_label_with_a_colon_of_its_own_reads_the_value_after_it_again() {
    String yaml = """
        - term: "Price:"
        - definition: "$12.00"
        """;
    Reading r = Reading.find(page(yaml), "$12.00", NONE).orElseThrow();

    assertThat(r.label()).isEqualTo("Price");
    assertThat(r.read(page(yaml.replace("12.00", "7.50")))).contains("$7.50");
    assertThat(group(r.textPattern(), "Price:\n$7.50\n")).isEqualTo("$7.50");
  }

  @Test
  void page_text_that_changes_length_in_lower_case_or_a_foreign_shape_breaks_nothing() {
    // "İ" is one character, two once lower-cased
    Reading r = Reading.find(page("- text: İİ costs $5 now"), "$5", NONE).orElseThrow();
    assertThat(r.before()).isEqualTo("İİ costs");
    assertThat(r.after()).isEqualTo("now");
    // a shape no Skillwright made (from a library merged in) reads any text instead
    assertThat(new Reading("text", null, "Price:", "", "(a+)+$").shape())
        .isEqualTo(Reading.shapeOf("Kitchen"));
    assertThat(new Reading("text", null, "Price:", "", Reading.shapeOf("$1.00")).shape())
        .isEqualTo(Reading.shapeOf("$1.00"));
  }

  @Test
  void a_label_that_names_the_item_is_bound_to_the_new_item() {
    UnaryOperator<String> lift = s -> s.replace("Blue Mug", "{item}");
    Reading r = Reading.find(page("- text: Blue Mug costs $12 today"), "$12", lift).orElseThrow();

    assertThat(r.before()).isEqualTo("{item} costs");
    Reading bound = r.bind(s -> s.replace("{item}", "Red Kettle"));
    assertThat(bound.read(page("- text: Red Kettle costs $30 today"))).contains("$30");
    assertThat(bound.read(page("- text: Blue Mug costs $12 today"))).isEmpty();
  }

  @Test
  void an_answer_the_page_does_not_hold_or_cannot_find_again_gives_no_reading() {
    AriaSnapshot p = page("""
        - heading "Blue Ceramic Mug" [level=1]
        - paragraph: "Price: $12.00"
        """);

    assertThat(Reading.find(p, "$99.00", NONE)).isEmpty();
    // the heading is the value itself, with nothing before it to find it by
    assertThat(Reading.find(p, "Blue Ceramic Mug", NONE)).isEmpty();
    // a digit inside a longer number is not the value
    assertThat(Reading.find(p, "2.0", NONE)).isEmpty();
    assertThat(Reading.find(p, "  ", NONE)).isEmpty();
  }

  @Test
  void the_text_pattern_finds_the_value_in_visible_text() {
    Reading labelled = new Reading("paragraph", null, "Price:", "", Reading.shapeOf("$12.00"));
    Reading under = new Reading("definition", "Weight", "", "", Reading.shapeOf("2 kg"));

    assertThat(group(labelled.textPattern(), "Blue Mug\nPrice: $7.25\nAdd to cart"))
        .isEqualTo("$7.25");
    assertThat(group(under.textPattern(), "Colour\nGreen\nWeight\n3.5 kg\n")).isEqualTo("3.5 kg");
  }

  @Test
  void a_number_keeps_its_words_and_signs_and_any_text_is_any_text() {
    assertThat("3 out of 5").matches(Reading.shapeOf("4.5 out of 5"));
    assertThat("€1.299,00").matches(Reading.shapeOf("€12,00"));
    assertThat("$12.00").doesNotMatch(Reading.shapeOf("12 reviews"));
    assertThat("Anything at all").matches(Reading.shapeOf("Kitchen"));
  }

  private static String group(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
