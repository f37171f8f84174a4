package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quicker look at the performance bench, run as written in a data directory of its
 * own: it needs nothing the README's lines before it leave, so it runs beside {@link ReadmeTest}
 * (which names it among the lines it leaves to others) instead of after them.
 */
class ReadmePerfTest {
  /** The README line, exactly as written there. */
  static final String LINE = "./skillwright bench --perf --rounds 1 --index-skills 10000";

  @TempDir
  Path data;

  @Test
  void the_performance_bench_prints_every_figure_beside_its_baseline() throws Exception {
    Readme.Line line = Readme.read(Path.of("..", "README.md")).lines().stream()
        .filter(l -> l.text().equals(LINE)).findFirst()
        .orElseThrow(() -> new AssertionError("the README no longer shows " + LINE));
    List<String> args = new ArrayList<>(line.args());
    args.addAll(List.of("--data-dir", data.toString()));
    Cli c = Cli.run(args.toArray(String[]::new));
    assertThat(c.exit()).as(c.out() + c.err()).isZero();
    (c.out() + c.err()).lines().forEach(printed -> assertThat(Readme.fits(printed))
        .as("printed " + printed.length() + " columns:\n" + printed).isTrue());
    String perf = c.out();
    assertThat(perf).contains("| figure | unit | Skillwright | baseline | ratio | goal | met |",
        "on " + Runtime.getRuntime().availableProcessors() + " cores");
    for (String figure : List.of("crawl of the shop, 2 workers", "peak memory",
        "page characters shown to a model", "replay of recorded episodes",
        "one observe + act step", "skill search p99, 10,000 skills", "building that index")) {
      assertThat(perf.lines().filter(l -> l.startsWith("| " + figure))).as(figure)
          .singleElement().satisfies(l -> assertThat(l).matches("\\| [^|]+ \\| [^|]+ "
              + "\\| \\d+\\.\\d \\| (\\d+\\.\\d|-) \\| (\\d+\\.\\d\\d|-) \\| .+ \\| (yes|no) \\|"));
    }
    // the writer that never pauses is reported beside the goal's round, with no goal of its own
    assertThat(perf.lines().filter(l -> l.startsWith("| the same, the writer never pausing")))
        .singleElement().satisfies(l -> assertThat(l).matches("\\| [^|]+ \\([\\d,]+ uses "
            + "meanwhile\\) \\| ms \\| \\d+\\.\\d \\| - \\| - \\| - \\| - \\|"));
    // the two browser figures have a raw Playwright baseline, so a ratio
    assertThat(perf.lines().filter(l -> l.startsWith("| replay of") || l.startsWith("| one obs")))
        .allSatisfy(l -> assertThat(l).matches(".*\\| \\d+\\.\\d\\d \\|.*"));
    Path reports = data.resolve("bench");
    try (var s = Files.list(reports)) {
      Path dir = s.filter(p -> p.getFileName().toString().startsWith("perf-")).findFirst()
          .orElseThrow();
      assertThat(dir.resolve("report.md")).isNotEmptyFile();
      assertThat(Files.readString(dir.resolve("report.json"))).contains("\"cores\"",
          "\"ratio\"");
    }
  }
}
