package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skillwright.properties in the data directory gives any option a default; flags win. */
class ConfigFileTest {
  @TempDir
  Path data;

  Cli run(String properties, String... args) throws Exception {
    Files.writeString(data.resolve(ConfigFile.NAME), properties);
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = data.toString();
    return Cli.run(all);
  }

  @Test
  void a_commands_option_a_shared_option_and_a_flag_that_wins() throws Exception {
    Cli budget = run("crawl.budget = -1\n", "crawl", "--env", "shop");
    assertThat(budget.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(budget.err().strip()).isEqualTo("skillwright: --budget must be between 1 and "
        + "10000: -1");

    Cli chromium = run("chromium=/no/chrome\n", "crawl", "--env", "shop");
    assertThat(chromium.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(chromium.err()).contains("--chromium /no/chrome: no executable file there");

    Cli flag = run("budget=-1\n", "crawl", "--env", "shop", "--budget", "0");
    assertThat(flag.err().strip()).endsWith(": 0");

    Cli broken = run("budget=\\uZZZZ\n", "skills", "list");
    assertThat(broken.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(broken.err().lines()).singleElement().asString()
        .contains("skillwright.properties: not a readable properties file");
  }
}
