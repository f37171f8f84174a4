package dev.skillwright.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's lines keep to 100 columns, cut no quoted value, and say what they count. */
class ConsoleProgressTest {
  static final String LONG = "Go to the \"Office\" page, then choose \"Price: high to low\" in "
      + "\"Sort by\", then open \"Brass Desk Lamp\" and add it to the cart.";

  @Test
  void a_cut_never_falls_inside_a_quoted_value() {
    for (int max = 20; max < LONG.length(); max++) {
      String cut = ConsoleProgress.fit(LONG, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut.chars().filter(c -> c == '"').count() % 2).as(cut).isZero();
    }
    assertThat(ConsoleProgress.fit("Search for \"lamp\".", 40)).isEqualTo("Search for \"lamp\".");
  }

  @Test
  void an_episode_line_fits_100_columns_with_its_notes_and_reason_on_lines_of_their_own() {
    StringWriter out = new StringWriter();
    ConsoleProgress console = new ConsoleProgress(new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    Task task = new Task("t1", "shop", LONG, "http://127.0.0.1:1/", SuccessSignal.none(),
        Map.of());
    Trajectory failed = Trajectory.builder("s", "e1", task).timing(Instant.EPOCH, 1_500)
        .ended(Trajectory.Status.ANSWERED, "done").verdict(new Verdict(false, 0.9,
            "not met: the page shows \"" + "Brass Desk Lamp ".repeat(8) + "\"", null, "rules"))
        .build();
    console.on(new SessionEvent.EpisodeFinished(1, 12, task, failed, List.of(
        "~used go-to-the-page-page-then-choose-option-in-sort-by-then-open-item-and-add-it",
        "+skill go-to-the-page-page (verified)")));

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    assertThat(lines.get(0)).startsWith("[1/12] fail Go to the \"Office\" page")
        .endsWith("(0 steps, 1.5 s) · successes 0 · skills 0");
    assertThat(lines.get(2)).isEqualTo("           +skill go-to-the-page-page (verified)");
    assertThat(lines.get(3)).startsWith("           not met: the page shows").endsWith("…");
  }
}
