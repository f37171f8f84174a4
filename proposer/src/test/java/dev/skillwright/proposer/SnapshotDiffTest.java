package dev.skillwright.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.proposer.Exploration.Kind;
import dev.skillwright.proposer.Explorer.Candidate;
import dev.skillwright.proposer.Explorer.Done;
import dev.skillwright.proposer.SnapshotDiff.Effect;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshot diffs and the labels and signals made of them, on snapshots written by hand. */
class SnapshotDiffTest {
  static final String URL = "http://127.0.0.1:4000/";
  static final AriaSnapshot EMPTY = AriaSnapshot.parse("""
      - main [ref=e1]:
        - heading "Errands" [level=1] [ref=e2]
        - textbox "New errand" [active] [ref=e3]
        - paragraph [ref=e4]: 0 open
        - button "Help" [ref=e5]
        - checkbox "Compact view" [ref=e6]
        - combobox "Order" [ref=e7]:
          - option "Oldest first" [selected]
          - option "Newest first"
      """);
  static final AriaSnapshot ADDED = AriaSnapshot.parse("""
      - main [ref=e1]:
        - heading "Errands" [level=1] [ref=e2]
        - textbox "New errand" [ref=e3]
        - list [ref=e8]:
          - listitem [ref=e9]:
            - checkbox "Done: Buy oat milk" [ref=e10]
            - text: Buy oat milk
        - paragraph [ref=e4]: 1 open
        - button "Help" [ref=e5]
        - checkbox "Compact view" [ref=e6]
        - combobox "Order" [ref=e7]:
          - option "Oldest first" [selected]
          - option "Newest first"
      """);

  static Done done(Kind kind, String role, String name, String value, AriaSnapshot before,
      AriaSnapshot after, String urlAfter) {
    Candidate c = new Candidate(kind, role, name, 0, value, kind == Kind.TYPE_ENTER ? "text"
        : "option", null);
    Effect e = SnapshotDiff.between(before, URL, after, urlAfter,
        kind == Kind.TYPE_ENTER ? name : null);
    return new Done(c, kind, before, after, URL, urlAfter, e, true);
  }

  @Test
  void a_diff_says_what_appeared_vanished_and_changed_but_not_focus() {
    Effect e = SnapshotDiff.between(EMPTY, URL, ADDED, URL, "New errand");

    assertThat(e.appeared()).extracting(AriaSnapshot.Node::describe)
        .contains("checkbox \"Done: Buy oat milk\"", "list", "listitem");
    assertThat(e.appeared()).anySatisfy(n -> assertThat(n.value()).isEqualTo("Buy oat milk"));
    assertThat(e.vanished()).singleElement().satisfies(n -> assertThat(n.value())
        .isEqualTo("0 open"));
    assertThat(e.changed()).isEmpty();
    assertThat(e.urlChanged()).isFalse();
    assertThat(e.visible()).isTrue();

    Effect none = SnapshotDiff.between(EMPTY, URL, AriaSnapshot.parse("""
        - main [ref=e1]:
          - heading "Errands" [level=1] [ref=e2]
          - textbox "New errand" [ref=e3]
          - paragraph [ref=e4]: 0 open
          - button "Help" [ref=e5]
          - checkbox "Compact view" [ref=e6]
          - combobox "Order" [ref=e7]:
            - option "Oldest first" [selected]
            - option "Newest first"
        """), URL + "#/", null);
    assertThat(none.visible()).as("focus moved and '#/' is the same page").isFalse();
  }

  @Test
  void states_and_values_that_change_are_effects() {
    AriaSnapshot after = AriaSnapshot.parse("""
        - main [ref=e1]:
          - heading "Errands" [level=1] [ref=e2]
          - textbox "New errand" [ref=e3]
          - paragraph [ref=e4]: 0 open
          - button "Help" [expanded] [ref=e5]
          - checkbox "Compact view" [checked] [ref=e6]
          - combobox "Order" [ref=e7]:
            - option "Oldest first"
            - option "Newest first" [selected]
        """);
    Effect e = SnapshotDiff.between(EMPTY, URL, after, URL, null);

    assertThat(e.changed()).extracting(SnapshotDiff.Change::describe).contains(
        "button \"Help\" expanded off -> on", "checkbox \"Compact view\" checked off -> on",
        "combobox \"Order\" value Oldest first -> Newest first");
  }

  @Test
  void a_walk_is_labelled_with_its_values_and_a_signal_that_did_not_hold_at_the_start() {
    Done typed = done(Kind.TYPE_ENTER, "textbox", "New errand", "Buy oat milk", EMPTY, ADDED,
        URL);
    AriaSnapshot checked = AriaSnapshot.parse("""
        - main [ref=e1]:
          - heading "Errands" [level=1] [ref=e2]
          - textbox "New errand" [ref=e3]
          - list [ref=e8]:
            - listitem [ref=e9]:
              - checkbox "Done: Buy oat milk" [checked] [ref=e10]
              - text: Buy oat milk
          - paragraph [ref=e4]: 0 open
        """);
    Done check = done(Kind.CHECK, "checkbox", "Done: Buy oat milk", null, ADDED, checked,
        URL + "#/done");

    Exploration.Walk w = WalkLabeller.label(URL, EMPTY, URL, List.of(typed, check))
        .orElseThrow();

    assertThat(w.instruction()).isEqualTo("Type \"Buy oat milk\" into the \"New errand\" "
        + "field and press Enter, then check the \"Done: Buy oat milk\" checkbox.");
    assertThat(w.params()).isEqualTo(Map.of("text", "Buy oat milk"));
    assertThat(w.success().all()).containsExactly(
        new Condition.ElementState("checkbox", "Done: Buy oat milk", State.CHECKED, null),
        new Condition.TextPresent("Buy oat milk"));
  }

  @Test
  void a_walk_whose_effects_all_held_at_the_start_gets_no_label() {
    // typing into a field that only echoes the value: nothing checkable beyond the field itself
    AriaSnapshot echoed = AriaSnapshot.parse("""
        - main [ref=e1]:
          - heading "Errands" [level=1] [ref=e2]
          - textbox "New errand" [ref=e3]: Buy oat milk
          - paragraph [ref=e4]: 0 open
          - button "Help" [ref=e5]
          - checkbox "Compact view" [ref=e6]
          - combobox "Order" [ref=e7]:
            - option "Oldest first" [selected]
            - option "Newest first"
        """);
    Done typed = done(Kind.TYPE_ENTER, "textbox", "New errand", "Buy oat milk", EMPTY, echoed,
        URL);

    assertThat(typed.effect().visible()).isFalse();
    assertThat(WalkLabeller.label(URL, EMPTY, URL, List.of(typed))).isEmpty();
  }
}
