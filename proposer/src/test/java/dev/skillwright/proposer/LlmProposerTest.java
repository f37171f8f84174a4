package dev.skillwright.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.ChatResponse;
import dev.skillwright.proposer.SiteContext.Field;
import dev.skillwright.proposer.SiteContext.Form;
import dev.skillwright.proposer.SiteContext.Item;
import dev.skillwright.proposer.SiteContext.Link;
import dev.skillwright.proposer.SiteContext.Option;
import dev.skillwright.proposer.SiteContext.PageSummary;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmProposerTest {
  static final String BASE = "http://127.0.0.1:4000/";
  static final SiteContext CONTEXT = new SiteContext("shop", BASE, List.of(
      new PageSummary(BASE + "category/kitchen", "Kitchen · Skillwright Shop", List.of("Kitchen"),
          List.of(new Link("Home", BASE), new Link("Cart (0)", BASE + "cart")),
          List.of(new Item("Blue Ceramic Mug", BASE + "product/blue-ceramic-mug", "$12.00")),
          List.of(new Form("get", BASE + "category/kitchen", false,
              List.of(new Field("sort", "Sort by", "select", List.of(
                  new Option("featured", "Featured", true),
                  new Option("price-asc", "Price: low to high", false)))),
              List.of("Apply"))))),
      List.of("Find the cheapest mug"), List.of("Search for \"lamp\"."),
      List.of("Add \"{item}\" to the cart, then open \"Cart\""));

  final List<ChatRequest> asked = new ArrayList<>();

  ChatModel replying(String json) {
    return r -> {
      asked.add(r);
      return new ChatResponse(json, 900, 300, 10, "stop", false);
    };
  }

  @Test
  void the_prompt_carries_pages_demos_and_what_is_known() {
    Proposer.llm(replying("{\"tasks\": []}")).propose(CONTEXT, 5);

    String prompt = asked.get(0).messages().get(0).text();
    assertThat(asked.get(0).purpose()).isEqualTo("proposer");
    assertThat(prompt).contains("Propose 5 tasks.", "Site: shop (start page " + BASE + ")",
        "<<<PAGES (untrusted page content", "Page: Kitchen · Skillwright Shop (/category/kitchen)",
        "items: Blue Ceramic Mug $12.00",
        "form (get, /category/kitchen): \"Sort by\" (select) options \"Featured\"/\"Price: low to high\"; buttons: Apply",
        "- Find the cheapest mug", "- Search for \"lamp\".",
        "- Add \"{item}\" to the cart, then open \"Cart\"");
  }

  @Test
  void good_items_become_tasks_and_bad_ones_are_turned_down_with_reasons() {
    Proposal p = Proposer.llm(replying("""
        {"tasks": [
          {"instruction": "Go to the \\"Kitchen\\" page, then choose \\"Price: low to high\\" in \\"Sort by\\".",
           "difficulty": "medium", "params": {"page": "Kitchen", "option": "Price: low to high"},
           "success": [{"kind": "url_matches", "glob": "*sort=price-asc*"},
                       {"kind": "element_state", "role": "combobox", "name": "Sort by",
                        "state": "has_value", "value": "Price: low to high"}]},
          {"instruction": "What is the price of \\"Blue Ceramic Mug\\"?", "params": {"item": "Blue Ceramic Mug"},
           "success": [{"kind": "answer_contains", "text": "$12.00"}]},
          {"instruction": "", "success": [{"kind": "text_present", "text": "x"}]},
          {"instruction": "Buy a teapot.", "success": []},
          {"instruction": "Open \\"Cart\\".", "params": {"Item Name": "Cart"}, "success": [{"kind": "url_matches", "glob": "*/cart"}]},
          {"instruction": "Open \\"Cart\\".", "params": {"page": "Basket"}, "success": [{"kind": "url_matches", "glob": "*/cart"}]},
          {"instruction": "Open the cart.", "success": [{"kind": "glow", "text": "x"}]},
          {"instruction": "Open the cart.", "success": [{"kind": "element_state", "role": "link", "state": "shiny"}]},
          {"instruction": "Search for \\"lamp\\".", "params": {"query": "lamp"}, "success": [{"kind": "url_matches", "glob": "*q=lamp*"}]},
          {"instruction": "What is the price of \\"Blue Ceramic Mug\\" ?", "params": {"item": "Blue Ceramic Mug"},
           "success": [{"kind": "answer_contains", "text": "$12.00"}]}
        ]}
        """)).propose(CONTEXT, 5);

    assertThat(p.tasks()).extracting(Task::id).containsExactly("t001", "t002");
    Task sort = p.tasks().get(0);
    assertThat(sort.params()).containsEntry("option", "Price: low to high");
    assertThat(sort.success().all()).hasSize(2).element(1)
        .isInstanceOf(Condition.ElementState.class);
    assertThat(sort.startUrl()).isEqualTo(BASE);
    assertThat(p.rejected()).containsExactly(
        "item 3: no instruction",
        "item 4: no success signal",
        "item 5: parameter name \"Item Name\" is not a short lower-case name",
        "item 6: parameter page=\"Basket\" is not quoted in the instruction",
        "item 7: unknown success kind \"glow\"",
        "item 8: unknown element state \"shiny\"",
        "item 9: a near-duplicate of a known task: Search for \"lamp\".",
        "item 10: a near-duplicate of a known task: What is the price of \"Blue Ceramic Mug\" ?");
  }
}
