package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README, followed top to bottom as a new user would: every {@code ./skillwright} line of its
 * shell blocks runs, in order, in this JVM through {@link Main}, with one temporary data
 * directory ({@code --data-dir}) and relative {@code --out} files put in a temporary working
 * folder. A line ending in {@code &}, and a server the user stops with Ctrl-C ({@code envs
 * serve}, {@code dashboard}), runs behind until the rest is done. The few lines that cannot run
 * here are named in {@link #NOT_RUN} with the reason; they are parsed, so their flags are real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeTest {
  /** The README lines not run here, exactly as written there, and why. */
  static final Map<String, String> NOT_RUN = Map.ofEntries(
      Map.entry("./skillwright setup && mvn -B -ntp verify",
          "it is this test suite"),
      Map.entry("./skillwright login --url https://your.site/login --save ~/your-site-state.json",
          "a person logs in by hand in a headed window (StorageStateTest saves a state)"),
      Map.entry(
          "./skillwright crawl --url https://your.site/ --storage-state ~/your-site-state.json",
          "your.site is a placeholder (StorageStateTest crawls the forum logged in)"),
      Map.entry("./skillwright crawl --env shop --model qwen2.5vl:7b --budget 20",
          "no model server here (ModelCrawlTest runs --model against WireMock)"),
      Map.entry("./skillwright crawl --env shop --model gpt-4o --record-cassette runs/tape",
          "no model server here (ModelCrawlTest records and replays a cassette)"),
      Map.entry("./skillwright crawl --env shop --replay-cassette runs/tape",
          "replays the tape the line before records"),
      Map.entry("./skillwright bench --env all --concurrency 2",
          "BenchTest runs exactly this and checks it against the ground truth"),
      Map.entry("./skillwright bench --env shop",
          "BenchTest runs the shop's suite among all four"),
      Map.entry("./skillwright crawl --env forum --budget 6",
          "CrawlIntegrationTest crawls the forum, the wiki and the tracker"),
      Map.entry("./skillwright bench --perf",
          "the quicker look the README shows next runs the same code"),
      Map.entry(ReadmePerfTest.LINE, "ReadmePerfTest runs it, beside this test: it needs "
          + "nothing the lines before it leave"),
      Map.entry("./skillwright skills merge ../other-machine/skillwright-data",
          "another machine's data directory is a placeholder "
              + "(SkillsMergeTest merges a planted one)"));

  private static final Path README = Path.of("..", "README.md");

  @TempDir
  static Path temp;
  Path data;
  final List<Map.Entry<String, Cli>> ran = new ArrayList<>();
  final List<Behind> behind = new ArrayList<>();
  List<Readme.Line> lines;

  /** A command left running behind, as a shell's {@code &} would. */
  record Behind(String line, Thread thread, ByteArrayOutputStream out) {}

  @BeforeAll
  void follow_the_readme() throws Exception {
    data = temp.resolve("skillwright-data");
    Path work = Files.createDirectories(temp.resolve("work"));
    lines = Readme.read(README).lines();
    for (Readme.Line l : lines) {
      if (!l.launcher() || NOT_RUN.containsKey(l.text())) {
        continue;
      }
      List<String> args = new ArrayList<>(l.args());
      for (int i = 0; i < args.size() - 1; i++) {
        if (args.get(i).equals("--out") && !Path.of(args.get(i + 1)).isAbsolute()) {
          args.set(i + 1, work.resolve(args.get(i + 1)).toString());
        }
      }
      args.addAll(List.of("--data-dir", data.toString()));
      if (l.background() || server(args)) {
        behind.add(startBehind(l.text(), args));
      } else {
        long t0 = System.nanoTime();
        ran.add(Map.entry(l.text(), Cli.run(args.toArray(String[]::new))));
        System.out.printf("README: %s (%.1f s)%n", l.text(), (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  @AfterAll
  void stop_what_runs_behind() throws InterruptedException {
    for (Behind b : behind) {
      b.thread().interrupt();
      b.thread().join(10_000);
    }
  }

  private static boolean server(List<String> args) {
    return args.get(0).equals("dashboard")
        || args.size() > 1 && args.get(0).equals("envs") && args.get(1).equals("serve");
  }

  /** Starts a server command behind and waits until it says it serves. */
  private static Behind startBehind(String line, List<String> args) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread t = new Thread(() -> Main.run(out, new ByteArrayOutputStream(),
        args.toArray(String[]::new)), "readme-behind");
    t.setDaemon(true);
    t.start();
    for (int i = 0; i < 300 && !out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C");
        i++) {
      Thread.sleep(100);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).as(line).contains("Press Ctrl-C to stop.");
    return new Behind(line, t, out);
  }

  /** What the first README line starting with {@code prefix} printed. */
  Cli ran(String prefix) {
    return ran.stream().filter(e -> e.getKey().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no README line ran that starts with " + prefix))
        .getValue();
  }

  @Test
  void every_line_the_readme_shows_runs_as_written() {
    assertThat(ran).as("README lines run").hasSizeGreaterThanOrEqualTo(15);
    ran.forEach(e -> assertThat(e.getValue().exit()).as(e.getKey() + "\n" + e.getValue().out()
        + e.getValue().err()).isZero());
    assertThat(behind).extracting(Behind::line).contains(
        "./skillwright envs serve --app todo --port 41873", "./skillwright dashboard",
        "./skillwright envs serve");
  }

  @Test
  void what_runs_behind_serves_the_pages_it_names() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (Behind b : behind) {
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/").matcher(
          b.out().toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as(b.line()).isTrue();
      do {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(m.group())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(b.line() + " " + m.group()).isEqualTo(200);
      } while (m.find());
    }
  }

  @Test
  void the_lines_not_run_here_are_in_the_readme_and_parse() {
    List<String> texts = lines.stream().map(Readme.Line::text).toList();
    assertThat(texts).containsAll(NOT_RUN.keySet());
    for (Readme.Line l : lines) {
      if (!l.launcher()) {
        // the environment a model block sets for the lines after it
        assertThat(l.words().get(0)).as(l.text()).isEqualTo("export");
        assertThat(l.words().get(1)).as(l.text()).matches("[A-Z_]+=.*");
      } else if (NOT_RUN.containsKey(l.text()) && !l.args().get(0).equals("setup")) {
        new CommandLine(new Main()).parseArgs(l.args().toArray(String[]::new));
      }
    }
  }

  @Test
  void every_line_printed_fits_100_columns() {
    ran.forEach(e -> (e.getValue().out() + e.getValue().err()).lines().forEach(printed ->
        assertThat(Readme.fits(printed))
            .as(e.getKey() + " printed " + printed.length() + " columns:\n" + printed).isTrue()));
  }

  @Test
  void the_shop_crawl_prints_its_progress_and_records_the_session() throws Exception {
    Cli crawl = ran("./skillwright crawl --env shop --budget 12");
    assertThat(crawl.out()).contains("[1/12]", "[12/12]", "tasks proposed    12",
        "judged successful", "skills added", "by phase          context crawl",
        "See the skills with: skillwright skills list --data-dir " + data);
    Store store = Store.at(data);
    SessionRecord session = store.sessions().stream().filter(s -> s.site().equals("shop")
        && "crawl".equals(s.config().get("kind"))).findFirst().orElseThrow();
    assertThat(session.status()).isEqualTo(SessionRecord.Status.COMPLETED);
    assertThat(session.counters().done()).isEqualTo(12);
    Path events = store.sessionsDir().resolve(session.id()).resolve(Store.EVENTS_FILE);
    assertThat(Files.readAllLines(events)).filteredOn(l -> l.contains("\"episode_finished\""))
        .hasSize(12);
    assertThat(store.trajectoryFiles(session.id())).hasSize(12)
        .allSatisfy(f -> assertThat(store.readTrajectory(f).verdict()).isNotNull());
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      List<Skill> skills = index.list("shop");
      assertThat(skills).extracting(Skill::id).doesNotHaveDuplicates()
          .hasSizeGreaterThanOrEqualTo(4);
      assertThat(skills).allSatisfy(s -> {
        assertThat(s.parameters()).isNotEmpty();
        assertThat(s.steps()).isNotEmpty();
        assertThat(s.provenance()).isNotEmpty();
      });
    }
  }

  @Test
  void the_skill_commands_show_what_the_crawl_found() {
    assertThat(ran("./skillwright skills search \"put a mug in the cart\"").out().lines()
        .findFirst().orElseThrow()).contains("shop:add_to_cart_then_open_cart");
    assertThat(ran("./skillwright skills list").out()).contains(
        "shop:add_to_cart_then_open_cart", "parameters: item=");
    assertThat(ran("./skillwright skills show shop:add_to_cart_then_open_cart")
        .out()).contains("steps:", "by role:", "examples:", "status:     verified");
    String session = ran("./skillwright show --session last").out();
    assertThat(session).startsWith("Session ").contains("crawl of shop, completed",
        "Replay them all: skillwright replay --session ");
    assertThat(session.lines().filter(l -> l.matches("  \\S+-\\d{3} +(ok|fail) .*")))
        .hasSize(12);
    assertThat(ran("./skillwright show last").out()).startsWith("Episode ")
        .contains("Task:", "Verdict:");
  }

  @Test
  void the_replays_run_without_a_model_and_heal_on_the_drifted_shop() {
    String replays = ran("./skillwright replay --session last").out();
    assertThat(replays).containsPattern("Replayed (\\d+) episodes: \\1 succeeded")
        .contains("0 model calls");
    assertThat(ran("./skillwright replay last --variant v2").out())
        .contains("Verdict: success", "Model calls: 0");
    assertThat(ran("./skillwright replay skill shop:add_to_cart_then_open_cart").out())
        .contains("Verdict: success");
    assertThat(ran("./skillwright replay skill get_price --arg item=\"Brass Desk Lamp\"").out())
        .contains("Answer: " + dev.skillwright.envs.Sites.shopPrices().get("Brass Desk Lamp"),
            "Verdict: success");
    assertThat(ran("./skillwright trace last").out()).contains("trace.zip");
  }

  @Test
  void the_own_site_crawl_explores_an_unknown_app_and_the_task_runs() {
    Store store = Store.at(data);
    String site = "127.0.0.1-41873";
    SessionRecord crawl = store.sessions().stream().filter(s -> s.site().equals(site)
        && "crawl".equals(s.config().get("kind"))).findFirst().orElseThrow();
    List<Trajectory> runs = store.trajectoryFiles(crawl.id()).stream()
        .map(store::readTrajectory).toList();
    assertThat(runs.stream().map(t -> t.task().instruction()).distinct().count())
        .isGreaterThanOrEqualTo(8);
    assertThat(runs).allSatisfy(t -> {
      assertThat(t.steps()).allSatisfy(s -> assertThat(s.url())
          .startsWith("http://127.0.0.1:41873/"));
      // what was refused was another origin's, never the app's own
      assertThat(t.blocked()).noneMatch(b -> b.url().startsWith("http://127.0.0.1:41873/"));
    });
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      assertThat(index.list(site).stream().filter(Skill::offered).count())
          .isGreaterThanOrEqualTo(3);
    }
    assertThat(ran("./skillwright run --url http://127.0.0.1:41873/ --task").out())
        .contains("Verdict:    success");
  }
}
