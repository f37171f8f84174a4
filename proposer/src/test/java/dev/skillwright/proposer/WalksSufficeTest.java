package dev.skillwright.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.proposer.SiteContext.Field;
import dev.skillwright.proposer.SiteContext.Form;
import dev.skillwright.proposer.SiteContext.Item;
import dev.skillwright.proposer.SiteContext.Link;
import dev.skillwright.proposer.SiteContext.PageSummary;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * When exploring has found what the offline proposer would take, on contexts written here: a
 * garden centre whose pages offer links, priced plants and a search, and a one-page app whose
 * page offers nothing but what exploring finds.
 */
class WalksSufficeTest {
  static final String BASE = "http://127.0.0.1:9/";
  final Proposer proposer = Proposer.offline(3);

  static SiteContext gardenCentre() {
    List<Item> plants = List.of(new Item("Lavender", BASE + "plants/lavender", "£6.50"),
        new Item("Rosemary", BASE + "plants/rosemary", "£4.00"),
        new Item("Olive tree", BASE + "plants/olive-tree", "£49.00"));
    Form search = new Form("get", BASE + "find", true,
        List.of(new Field("q", "Find a plant", "search", List.of())), List.of("Find"));
    PageSummary start = new PageSummary(BASE, "Green Thumb", List.of("Green Thumb"),
        List.of(new Link("Plants", BASE + "plants"), new Link("Workshops", BASE + "workshops"),
            new Link("Visit us", BASE + "visit")), plants, List.of(search));
    PageSummary list = new PageSummary(BASE + "plants", "Plants", List.of("Plants"),
        List.of(), plants, List.of(search));
    return new SiteContext("garden", BASE, List.of(start, list), List.of(), List.of(),
        List.of());
  }

  static SiteContext oneEmptyPage() {
    return new SiteContext("app", BASE, List.of(new PageSummary(BASE, "Board", List.of("Board"),
        List.of(), List.of(), List.of())), List.of(), List.of(), List.of());
  }

  /** {@code n} walks, each a click on a button of its own that showed a note. */
  static List<Exploration.Walk> walks(int n) {
    return IntStream.range(0, n).mapToObj(i -> walk("Card " + i, i)).toList();
  }

  /** A click on button {@code control} that showed note {@code i}. */
  static Exploration.Walk walk(String control, int i) {
    return new Exploration.Walk(BASE, List.of(new Exploration.Move(Exploration.Kind.BUTTON,
        "button", control, null, null, "shows \"Note " + i + "\"")),
        "Click the \"" + control + "\" button to see note " + i + ".",
        SuccessSignal.of(new Condition.TextPresent("Note " + i)), Map.of(), false);
  }

  static SiteContext with(SiteContext ctx, List<Exploration.Walk> walks) {
    return ctx.withExplored(new Exploration(walks, List.of(), List.of(), List.of(), 0));
  }

  long fromWalks(SiteContext ctx, int count) {
    List<String> walked = new ArrayList<>();
    ctx.explored().walks().forEach(w -> walked.add(w.instruction()));
    return proposer.propose(ctx, count).tasks().stream().map(Task::instruction)
        .filter(walked::contains).count();
  }

  @Test
  void where_pages_offer_other_kinds_a_few_walks_give_all_the_walk_tasks_many_would() {
    SiteContext site = gardenCentre();
    int few = IntStream.rangeClosed(0, 20)
        .filter(n -> proposer.walksSuffice(with(site, walks(n)), 8)).findFirst().orElseThrow();

    assertThat(few).isPositive().isLessThan(8);
    assertThat(fromWalks(with(site, walks(few)), 8)).isPositive();
    // the same tasks as with many more walks; one walk fewer gives fewer walk tasks
    assertThat(proposer.propose(with(site, walks(few)), 8).tasks())
        .isEqualTo(proposer.propose(with(site, walks(20)), 8).tasks()).hasSize(8);
    assertThat(fromWalks(with(site, walks(few - 1)), 8))
        .isLessThan(fromWalks(with(site, walks(20)), 8));
  }

  @Test
  void a_second_walk_on_a_control_does_not_count_while_other_controls_may_come() {
    // walks are taken one per control before a second: a second walk on "Alpha" would give way
    // to a first walk on a control exploring finds later
    List<Exploration.Walk> found = List.of(walk("Alpha", 0), walk("Alpha", 1), walk("Beta", 2),
        walk("Gamma", 3));

    assertThat(proposer.walksSuffice(with(oneEmptyPage(), found.subList(0, 3)), 3)).isFalse();
    assertThat(proposer.walksSuffice(with(oneEmptyPage(), found), 3)).isTrue();
    assertThat(proposer.propose(with(oneEmptyPage(), found), 3).tasks())
        .extracting(Task::instruction).containsExactly(found.get(0).instruction(),
            found.get(2).instruction(), found.get(3).instruction());
  }

  @Test
  void where_pages_offer_nothing_every_task_takes_a_walk() {
    SiteContext app = oneEmptyPage();

    assertThat(proposer.walksSuffice(with(app, walks(0)), 6)).isFalse();
    assertThat(proposer.walksSuffice(with(app, walks(5)), 6)).isFalse();
    assertThat(proposer.walksSuffice(with(app, walks(6)), 6)).isTrue();
    assertThat(proposer.propose(with(app, walks(6)), 6).tasks()).hasSize(6);
  }

  @Test
  void a_walk_whose_task_is_known_does_not_count() {
    SiteContext site = gardenCentre();
    int few = IntStream.rangeClosed(0, 20)
        .filter(n -> proposer.walksSuffice(with(site, walks(n)), 8)).findFirst().orElseThrow();
    SiteContext knowing = site.withKnown(List.of(walks(1).get(0).instruction()), List.of());

    assertThat(proposer.walksSuffice(with(knowing, walks(few)), 8)).isFalse();
    assertThat(proposer.walksSuffice(with(knowing, walks(few + 1)), 8)).isTrue();
  }

  @Test
  void a_proposer_that_reads_walks_as_context_wants_all_of_them() {
    Proposer reading = (context, count) -> new Proposal(List.of(), List.of());

    assertThat(reading.walksSuffice(with(oneEmptyPage(), walks(50)), 1)).isFalse();
  }
}
