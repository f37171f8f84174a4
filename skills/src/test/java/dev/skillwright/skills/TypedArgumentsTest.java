package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verification values for typed and chosen parameters: new ones of the same kind. */
class TypedArgumentsTest {
  static Skill skill(List<Skill.Parameter> params, List<Action> steps) {
    return new Skill(Skill.SCHEMA_VERSION, "app:add", "add", "app", "Add {text}", params, steps,
        "*/", SuccessSignal.of(new Condition.TextPresent("{text}")), List.of(), List.of());
  }

  @Test
  void a_typed_value_gets_another_plausible_value_of_its_fields_kind() {
    Target field = Target.of(null, "textbox", "What needs to be done?");
    Skill s = skill(List.of(new Skill.Parameter("text", "string", List.of("Buy oat milk"))),
        List.of(new Action.Fill(field, "{text}"), new Action.Press(field, "Enter")));

    Map<String, String> args = ArgumentPicker.pick(s, new ArgumentPicker.SiteValues(
        List.of(), List.of(), List.of(), Set.of()));

    assertThat(args.get("text")).isNotBlank().isNotEqualToIgnoringCase("Buy oat milk");

    Target email = Target.of(null, "textbox", "Email");
    Skill e = skill(List.of(new Skill.Parameter("email", "email", List.of("ada@example.com"))),
        List.of(new Action.Fill(email, "{email}")));
    assertThat(ArgumentPicker.pick(e, new ArgumentPicker.SiteValues(List.of(), List.of(),
        List.of(), Set.of())).get("email")).contains("@").isNotEqualTo("ada@example.com");
  }

  @Test
  void a_chosen_option_gets_another_option_of_the_same_list() {
    Target list = Target.of(null, "combobox", "Order");
    Skill s = skill(List.of(new Skill.Parameter("option", "string", List.of("Newest first"))),
        List.of(new Action.Select(list, "{option}")));

    Map<String, String> args = ArgumentPicker.pick(s, new ArgumentPicker.SiteValues(List.of(),
        List.of(), List.of(List.of("Oldest first", "Newest first", "By name")), Set.of()));

    assertThat(args.get("option")).isIn("Oldest first", "By name");
  }
}
