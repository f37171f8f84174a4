package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.agent.Goal.Words;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReaderTest {
  static Words named(String name, String... roles) {
    return new Words(List.of(name), Set.of(roles), 0);
  }

  @Test
  void clauses_split_outside_quotes_before_verbs_and_keep_lists_together() {
    assertThat(Reader.clauses("Search for \"a, b. c\", then open \"X\". And press \"Go\""))
        .containsExactly("Search for \"a, b. c\"", "open \"X\"", "press \"Go\"");
    assertThat(Reader.clauses("Select 5IG, Ln, 0M and click Submit."))
        .containsExactly("Select 5IG, Ln, 0M", "click Submit");
    assertThat(Reader.clauses("Enter an item that starts with \"Ant\" and ends with \"ua\"."))
        .hasSize(1);
  }

  @Test
  void the_old_grammar_is_one_case_of_the_reader() {
    assertThat(Reader.read("Search for \"mug\", then open \"Blue Ceramic Mug\"."))
        .containsExactly(new Goal.Search("mug"), new Goal.Open("Blue Ceramic Mug"));
    assertThat(Reader.read("Add \"Hand Trowel\" to the cart, then open \"Cart\"."))
        .containsExactly(new Goal.Add("Hand Trowel", "cart"), new Goal.Open("Cart"));
    assertThat(Reader.read("Go to the \"Books\" page, then choose \"Name\" in \"Sort by\"."))
        .containsExactly(new Goal.Open("Books"),
            new Goal.Choose(List.of("Name"), Words.named("Sort by")));
    assertThat(Reader.read("fill \"Email\" with \"a@b.c\"; type \"Ada\" into \"Name\"; "
        + "set \"Plan\" to \"Pro\"; check \"I agree\"; then press \"Place order\""))
        .containsExactly(new Goal.Fill(Words.named("Email"), "a@b.c", false),
            new Goal.Fill(Words.named("Name"), "Ada", false),
            new Goal.Choose(List.of("Pro"), Words.named("Plan")),
            new Goal.Check(Words.named("I agree"), true),
            new Goal.Click(Words.named("Place order")));
    assertThat(Reader.read("What is the price of \"Hand Trowel\"?"))
        .containsExactly(new Goal.Ask("price", "Hand Trowel"));
    assertThat(Reader.read("Find the author of \"Freezing fresh herbs in oil\"."))
        .containsExactly(new Goal.Ask("author", "Freezing fresh herbs in oil"));
  }

  @Test
  void the_shared_contract_phrasings_read() {
    assertThat(Reader.read("Click the \"Save\" button.")).containsExactly(
        new Goal.Click(named("Save", "button")));
    assertThat(Reader.read("Click the \"Docs\" link.")).containsExactly(
        new Goal.Click(named("Docs", "link")));
    assertThat(Reader.read("Click the \"Billing\" tab.")).containsExactly(
        new Goal.Click(named("Billing", "tab")));
    assertThat(Reader.read("Click \"Next\".")).containsExactly(new Goal.Click(named("Next")));
    assertThat(Reader.read("Type \"milk\" into the \"New todo\" field and press Enter."))
        .containsExactly(new Goal.Fill(named("New todo", "textbox"), "milk", false),
            new Goal.Key("Enter"));
    assertThat(Reader.read("Type \"ada\" into the \"Name\" field, then click the \"Go\" button."))
        .containsExactly(new Goal.Fill(named("Name", "textbox"), "ada", false),
            new Goal.Click(named("Go", "button")));
    assertThat(Reader.read("Check the \"Remember me\" checkbox.")).containsExactly(
        new Goal.Check(named("Remember me", "checkbox"), true));
    assertThat(Reader.read("Uncheck the \"Remember me\" checkbox.")).containsExactly(
        new Goal.Check(named("Remember me", "checkbox"), false));
    assertThat(Reader.read("Select the \"Small\" option.")).containsExactly(
        new Goal.Choose(List.of("Small"), Words.ANY));
    assertThat(Reader.read("Select \"Red\" from the \"Colour\" list.")).containsExactly(
        new Goal.Choose(List.of("Red"), named("Colour", "combobox", "listbox")));
    assertThat(Reader.read("Expand the \"FAQ\" section.")).containsExactly(
        new Goal.Expand(Words.named("FAQ"), true));
    assertThat(Reader.read("Collapse the \"FAQ\" section.")).containsExactly(
        new Goal.Expand(Words.named("FAQ"), false));
    assertThat(Reader.read("Open the \"File\" menu, then click \"Save as\".")).hasSize(2)
        .last().isEqualTo(new Goal.Click(named("Save as")));
    assertThat(Reader.read("Go to the \"About\" page.")).containsExactly(new Goal.Open("About"));
    assertThat(Reader.read("Close the \"Welcome\" dialog.")).containsExactly(
        new Goal.Close(named("Welcome", "dialog")));
  }

  @Test
  void plain_instructions_of_third_party_pages_read() {
    assertThat(Reader.read("Click on the \"Yes\" button.")).containsExactly(
        new Goal.Click(named("Yes", "button")));
    assertThat(Reader.read("Select eQA and click Submit.")).containsExactly(
        new Goal.Choose(List.of("eQA"), Words.ANY), new Goal.Click(named("Submit")));
    assertThat(Reader.read("Enter \"Truman\" into the text field and press Submit."))
        .containsExactly(new Goal.Fill(new Words(List.of(), Set.of("textbox"), 0), "Truman",
            false), new Goal.Click(named("Submit")));
    assertThat(Reader.read("Focus into the 3rd input textbox.")).containsExactly(
        new Goal.Focus(new Words(List.of(), Set.of("textbox"), 3)));
    assertThat(Reader.read("Type \"TRUMAN\" in all lower case letters in the text input and "
        + "press Submit.")).first().isEqualTo(new Goal.Fill(new Words(List.of(),
            Set.of("textbox"), 0), "truman", false));
    assertThat(Reader.read("Use the textbox to enter \"Ashlea\" and press \"Search\", then find "
        + "and click the 6th search result.")).contains(new Goal.Result(6))
        .contains(new Goal.Click(named("Search")));
    assertThat(Reader.read("Select 5IG, Ln, 0M and click Submit.")).first().isEqualTo(
        new Goal.Choose(List.of("5IG", "Ln", "0M"), Words.ANY));
    assertThat(Reader.read("Enter the username \"kanesha\" and the password \"Ty9\" into the "
        + "text fields and press login.")).hasSize(3).first().isEqualTo(
            new Goal.Fill(Words.named("username"), "kanesha", false));
    assertThat(Reader.read("Enter the password \"XYZ\" into both text fields and press submit."))
        .first().satisfies(g -> assertThat(((Goal.Fill) g).every()).isTrue());
    assertThat(Reader.read("Enter 04/19/2014 as the date and hit submit.")).first().isEqualTo(
        new Goal.Fill(Words.named("date"), "04/19/2014", false));
    assertThat(Reader.read("Click on Tab #2.")).containsExactly(new Goal.Click(
        new Words(List.of("Tab #2", "#2"), Set.of("tab"), 0)));
    assertThat(Reader.read("Select Rwanda from the list and click Submit.")).first().isEqualTo(
        new Goal.Choose(List.of("Rwanda"), new Words(List.of(), Set.of("combobox", "listbox"),
            0)));
    assertThat(Reader.read("Enter an item that starts with \"Ant\" and ends with \"ua\"."))
        .containsExactly(new Goal.Complete("Ant", "ua", Words.ANY));
    assertThat(Reader.read("Select Cara, Arda from the scroll list and click Submit."))
        .first().satisfies(g -> assertThat(((Goal.Choose) g).items())
            .containsExactly("Cara", "Arda"));
    for (String s : List.of("Close the dialog box by clicking the \"x\".",
        "Expand the section below and click submit.",
        "Switch between the tabs to find and click on the link \"justo\".",
        "Click on a \"checkbox\" widget.",
        "Navigate through the file tree. Find and click on the folder or file named \"Briana\".",
        "Click button ONE, then click button TWO.", "Click on the link \"Ut\".")) {
      assertThat(Reader.read(s)).as(s).isNotEmpty();
    }
  }

  @Test
  void an_unreadable_clause_makes_no_plan_and_is_named() {
    String task = "Open \"Cart\", then dance wildly.";

    assertThat(Reader.read(task)).isEqualTo(List.of());
    assertThat(Reader.firstUnreadable(task)).isEqualTo("dance wildly");
  }
}
