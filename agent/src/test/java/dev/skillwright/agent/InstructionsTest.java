package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionsTest {
  @Test
  void clauses_split_outside_quotes_and_drop_then() {
    assertThat(Instructions.clauses("Search for \"a, b. c\", then open \"X\". And press \"Go\""))
        .containsExactly("Search for \"a, b. c\"", "open \"X\"", "press \"Go\"");
  }

  @Test
  void every_kind_of_clause_reads_into_its_goal() {
    assertThat(Instructions.parse("Search for \"mug\", then open \"Blue Ceramic Mug\"."))
        .containsExactly(new Goal.Search("mug"), new Goal.Open("Blue Ceramic Mug"));
    assertThat(Instructions.parse("Add \"Hand Trowel\" to the cart, then open \"Cart\"."))
        .containsExactly(new Goal.Add("Hand Trowel", "cart"), new Goal.Open("Cart"));
    assertThat(Instructions.parse("Go to the \"Books\" page, then choose \"Name\" in \"Sort by\"."))
        .containsExactly(new Goal.Open("Books"), new Goal.Choose("Name", "Sort by"));
    assertThat(Instructions.parse("fill \"Email\" with \"a@b.c\"; type \"Ada\" into \"Name\"; "
        + "set \"Plan\" to \"Pro\"; check \"I agree\"; then press \"Place order\""))
        .containsExactly(new Goal.Fill("Email", "a@b.c"), new Goal.Fill("Name", "Ada"),
            new Goal.Choose("Pro", "Plan"), new Goal.Check("I agree"),
            new Goal.Press("Place order"));
    assertThat(Instructions.parse("What is the price of \"Hand Trowel\"?"))
        .containsExactly(new Goal.Ask("price", "Hand Trowel"));
  }

  @Test
  void an_unreadable_clause_makes_no_plan_and_is_named() {
    String task = "Open \"Cart\", then dance wildly.";

    assertThat(Instructions.parse(task)).isEqualTo(List.of());
    assertThat(Instructions.firstUnreadable(task)).isEqualTo("dance wildly");
  }
}
