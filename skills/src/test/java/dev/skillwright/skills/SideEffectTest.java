package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideEffectTest {
  static Target t(String role, String name) {
    return Target.of(null, role, name);
  }

  @Test
  void steps_say_whether_a_skill_reads_writes_or_destroys() {
    assertThat(SideEffect.of(List.of(new Action.Click(t("link", "Books"))))).isEqualTo(
        SideEffect.READS);
    assertThat(SideEffect.of(List.of(new Action.Fill(t("searchbox", "Search"), "mug"),
        new Action.Press(t("searchbox", "Search"), "Enter")))).isEqualTo(SideEffect.READS);
    assertThat(SideEffect.of(List.of(new Action.Fill(t("textbox", "New errand"), "{text}"),
        new Action.Press(t("textbox", "New errand"), "Enter")))).isEqualTo(SideEffect.WRITES);
    assertThat(SideEffect.of(List.of(new Action.Check(t("checkbox", "Done"), true))))
        .isEqualTo(SideEffect.WRITES);
    assertThat(SideEffect.of(List.of(new Action.Click(t("button", "Delete all")))))
        .isEqualTo(SideEffect.DESTRUCTIVE);
    // a nameless button known by its class
    assertThat(SideEffect.of(List.of(new Action.Click(new Target(null, "button", "", List.of(
        new LocatorCandidate(LocatorCandidate.Strategy.CSS, "li:nth-of-type(1) > button.destroy",
            null)))))))
        .isEqualTo(SideEffect.DESTRUCTIVE);
    assertThat(SideEffect.looksDestructive("Log out")).isTrue();
    assertThat(SideEffect.looksDestructive("Dropdown")).isFalse();
    assertThat(SideEffect.looksDestructive("Pay now")).isTrue();
  }

  @Test
  void a_skill_stored_before_the_label_existed_gets_it_from_its_steps() throws Exception {
    String old = """
        {"schemaVersion": 1, "id": "s:delete-note", "name": "delete-note", "site": "s",
         "description": "Delete the note", "parameters": [],
         "steps": [{"type": "click", "target": {"role": "button", "name": "Delete"}}],
         "startUrlPattern": "*/", "success": {"all": []}, "examples": [], "provenance": [],
         "status": "CANDIDATE"}
        """;
    Skill s = Json.mapper().readValue(old, Skill.class);
    assertThat(s.sideEffect()).isEqualTo(SideEffect.DESTRUCTIVE);

    String written = Json.mapper().writeValueAsString(s);
    assertThat(written).contains("\"sideEffect\" : \"DESTRUCTIVE\"");
    assertThat(Json.mapper().readValue(written, Skill.class)).isEqualTo(s);
  }
}
