package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Each command offers the options that apply to it, each option with one default. */
class OptionsTest {
  private static final CommandLine CLI = new CommandLine(new Main());

  private static CommandSpec command(String name) {
    return CLI.getSubcommands().get(name).getCommandSpec();
  }

  @Test
  void an_option_shared_by_commands_has_one_default_and_one_description() {
    for (String option : List.of("--max-steps", "--chromium", "--model", "--secret",
        "--record-cassette", "--no-trace", "--storage-state")) {
      List<OptionSpec> specs = CLI.getSubcommands().values().stream()
          .map(c -> c.getCommandSpec().findOption(option)).filter(o -> o != null).toList();
      assertThat(specs).as(option).hasSizeGreaterThanOrEqualTo(2);
      assertThat(specs.stream().map(OptionSpec::defaultValue).distinct()).as(option).hasSize(1);
      assertThat(specs.stream().map(o -> String.join(" ", o.description())).distinct())
          .as(option).hasSize(1);
    }
    assertThat(command("crawl").findOption("--max-steps").defaultValue()).isEqualTo("20");
  }

  @Test
  void options_appear_only_where_they_apply() {
    assertThat(command("crawl").findOption("--demos")).isNotNull();
    for (String c : List.of("run", "replay", "bench")) {
      assertThat(command(c).findOption("--demos")).as(c).isNull();
    }
    assertThat(command("replay").findOption("--record-cassette")).isNull();
    assertThat(command("crawl").findOption("--record-cassette")).isNotNull();
    assertThat(command("show").findOption("--model")).isNull();
  }

  @Test
  void every_help_text_fits_100_columns() {
    List<CommandLine> all = new java.util.ArrayList<>(List.of(CLI));
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).getSubcommands().values());
    }
    assertThat(all).hasSizeGreaterThan(15);
    all.forEach(c -> assertThat(c.getUsageMessage().lines()).as(c.getCommandName())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100)));
  }
}
