package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionTest {
  final Target box = Target.of("e8", "searchbox", "Search products");

  @Test
  void actions_describe_themselves_in_one_line_with_their_values() {
    assertThat(new Action.Fill(box, "mug").describe())
        .isEqualTo("fill searchbox \"Search products\" with \"mug\"");
    assertThat(new Action.Press(box, "Enter").describe())
        .isEqualTo("press Enter on searchbox \"Search products\"");
    assertThat(new Action.Select(Target.of("e9", "combobox", "Sort by"), "Name").describe())
        .isEqualTo("select \"Name\" in combobox \"Sort by\"");
    assertThat(new Action.Click(Target.of("e1", "link", "")).describe()).isEqualTo("click link");
    assertThat(new Action.Answer("$12.99").describe()).isEqualTo("answer \"$12.99\"");
    assertThat(new Action.Back().describe()).isEqualTo("back");
  }

  @Test
  void json_holds_the_type_and_fields_only() throws Exception {
    String json = Json.compact()
        .writerFor(new com.fasterxml.jackson.core.type.TypeReference<List<Action>>() {})
        .writeValueAsString(List.of(new Action.Back(), new Action.Fill(box, "mug")));

    assertThat(json).isEqualTo("[{\"type\":\"back\"},{\"type\":\"fill\",\"target\":{\"ref\":\"e8\","
        + "\"role\":\"searchbox\",\"name\":\"Search products\",\"locators\":[]},\"text\":\"mug\"}]");
  }
}
