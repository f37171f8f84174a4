package dev.skillwright.app;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Chromium;
import dev.skillwright.browser.DriverCache;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.SpareTab;
import dev.skillwright.browser.Tab;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.skills.IndexLoad;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --perf}: Skillwright's speed and size beside their baselines, measured side by
 * side in one run on the bundled shop. The baseline of a browser figure is raw Playwright doing
 * the same actions on the same Chromium (same flags, no scope proxy, no observation, no
 * recording); of the others, the goal itself. Timed figures are medians over rounds after a
 * warm-up that is not counted (a whole crawl for the crawl, a few episodes each way for the
 * browser figures).
 */
final class PerfBench {
  /**
   * One figure: Skillwright's value, the baseline's (null when the goal is the baseline), their
   * ratio, and the goal it is held to.
   */
  /** One figure; {@code met} is null when the figure has no goal (reported beside one). */
  record Row(String figure, String unit, double ours, Double baseline, String goal,
      Boolean met) {
    Double ratio() {
      return baseline == null || baseline == 0 ? null : ours / baseline;
    }
  }

  private final int rounds;
  private final int indexSkills;
  private final BrowserConfig config;
  private final PrintWriter progress;

  PerfBench(int rounds, int indexSkills, BrowserConfig config, PrintWriter progress) {
    this.rounds = rounds;
    this.indexSkills = indexSkills;
    this.config = config;
    this.progress = progress;
  }

  /** Runs every figure with {@code work} as scratch space. */
  List<Row> run(Path work) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    progress.println("1/4 crawls of the shop, 2 workers, verifying: a warm-up read for its memory, "
        + "then " + ConsoleProgress.count(rounds, "timed round") + "...");
    // reading a process's memory walks its page tables and stalls it meanwhile: the warm-up is
    // watched for its memory, and the crawls timed are left alone
    Crawl watched = crawl(work.resolve("crawl-warm-up"), true);
    progress.println(String.format(Locale.ROOT, "    warm-up: %.1f episodes a minute%s",
        watched.episodesPerMinute(), watched.peakMb() > 0
            ? String.format(Locale.ROOT, ", %.0f MB at most", watched.peakMb()) : ""));
    double[] paces = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      // the first round's recordings are the ones replayed below
      paces[round] = crawl(work.resolve(round == 0 ? "crawl" : "crawl-" + (round + 1)), false)
          .episodesPerMinute();
      progress.println(String.format(Locale.ROOT, "    round %d: %.1f episodes a minute", round + 1,
          paces[round]));
    }
    double pace = median(paces);
    rows.add(new Row("crawl of the shop, 2 workers, verifying", "episodes/min",
        pace, null, ">= 30", pace >= 30));
    rows.add(new Row("peak memory of that crawl", "MB",
        watched.peakMb(), null, "<= 1536", watched.peakMb() > 0 && watched.peakMb() <= 1536));
    Store recorded = Store.at(work.resolve("crawl"));
    List<Trajectory> episodes = recorded.trajectoryFiles().stream().map(recorded::readTrajectory)
        .filter(Trajectory::succeeded).filter(t -> t.steps().stream().anyMatch(
            s -> s.ok() && !s.action().isFinal())).toList();
    if (episodes.isEmpty()) {
      throw new IllegalStateException("the crawl recorded no successful episode to replay");
    }
    rows.add(observationRow(recorded, episodes));
    progress.println("2/4 " + ConsoleProgress.count(episodes.size(), "recorded episode")
        + " and single steps, beside raw Playwright (" + ConsoleProgress.count(rounds, "round")
        + " after a warm-up)...");
    rows.addAll(browserRows(work, episodes));
    progress.println("3/4 the skill index with " + String.format(Locale.ROOT, "%,d",
        indexSkills) + " skills and a concurrent writer...");
    IndexLoad.Figures index = indexFigures(work.resolve("index-load"));
    rows.add(new Row(String.format(Locale.ROOT, "skill search p99, %,d skills, writer at %d/s "
        + "(%,d uses)", indexSkills, IndexLoad.WRITES_PER_SECOND, index.withWriter().writes()),
        "ms", index.withWriter().p99(), null, "<= 5", index.withWriter().p99() <= 5));
    rows.add(new Row("the same, the writer never pausing (" + String.format(Locale.ROOT, "%,d",
        index.withFlatOutWriter().writes()) + " uses meanwhile)", "ms",
        index.withFlatOutWriter().p99(), null, "-", null));
    rows.add(new Row("building that index", "s", index.buildSeconds(), null, "<= 20",
        index.buildSeconds() <= 20));
    progress.println("4/4 done.");
    return rows;
  }

  /**
   * The skill index's figures ({@link IndexLoad}), measured in a JVM of its own as the crawl's
   * are, with both compilers and the bench's own heap, as a process that serves the library for
   * long runs (the MCP server, the dashboard): the heap the browser figures left behind them, and
   * the collections it would bring, are not the library's. Its errors go to a file beside the
   * index; the last line of it is told when the load fails.
   */
  private IndexLoad.Figures indexFigures(Path dir) throws InterruptedException, IOException {
    Files.createDirectories(dir);
    Path errors = dir.resolve("errors.log");
    Process p = java(List.of("-Xmx" + Runtime.getRuntime().maxMemory() / 1048576 + "m"),
        IndexLoad.class.getName(), List.of(dir.resolve("index").toString(),
            Integer.toString(indexSkills), "2000"), "the skill index's load",
        ProcessBuilder.Redirect.to(errors.toFile()));
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String last = out.strip().lines().reduce((a, b) -> b).orElse("");
      if (p.waitFor() != 0) {
        throw new IllegalStateException("the skill index's load failed: " + Files.readAllLines(
            errors).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(last));
      }
      IndexLoad.Figures f = Json.mapper().readValue(last, IndexLoad.Figures.class);
      if (f == null || f.alone() == null || f.withWriter() == null
          || f.withFlatOutWriter() == null) {
        throw new IOException("not the figures");
      }
      return f;
    } catch (IOException e) {
      throw new IllegalStateException("the skill index's load printed no figures: "
          + e.getMessage(), e);
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * Starts {@code main} with {@code args} in a JVM of its own: this one's Java and class path,
   * {@code options}; its errors to {@code errors}.
   */
  private static Process java(List<String> options, String main, List<String> args,
      String what, ProcessBuilder.Redirect errors) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    command.addAll(args);
    try {
      ProcessBuilder b = new ProcessBuilder(command);
      return (errors == null ? b.redirectErrorStream(true) : b.redirectError(errors)).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
    }
  }

  /** A crawl's pace and the most memory it held. */
  record Crawl(double episodesPerMinute, double peakMb) {}

  /**
   * The JVM options the crawl runs with, the launcher's for every command but the long-lived
   * ones (the bench itself, the dashboard, the MCP server, a bundled site served): a heap of
   * 1 GB, and the client
   * compiler alone, whose compiling costs a short run far less CPU than the server compiler's.
   */
  static final List<String> CRAWL_JVM = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1");

  /**
   * Runs the crawl as {@code skillwright crawl} runs: in a JVM of its own ({@link #CRAWL_JVM}),
   * start-up included; with {@code watched}, its peak memory too (that JVM's with its driver and
   * Chromium, sampled as it runs), else 0.
   */
  private Crawl crawl(Path data, boolean watched) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("crawl", "--env", "shop", "--budget", "12",
        "--concurrency", "2", "--no-trace", "--data-dir", data.toString()));
    if (config.executable() != null) {
      args.addAll(List.of("--chromium", config.executable().toString()));
    }
    long t0 = System.nanoTime();
    Process crawl = java(CRAWL_JVM, Main.class.getName(), args, "the crawl", null);
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (crawl.isAlive()) {
        // a sample walks the page tables of a dozen processes (some 70 ms of a core here), and
        // stalls them meanwhile: taken at a tenth of a core, the crawl watched runs much as the
        // one timed
        long t = System.nanoTime();
        peak.accumulateAndGet(memoryBytes(crawl.toHandle()), Math::max);
        try {
          Thread.sleep(Math.max(200, (System.nanoTime() - t) / 100_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "perf-memory");
    sampler.setDaemon(true);
    if (watched) {
      sampler.start();
    }
    String out;
    int exit;
    try {
      out = new String(crawl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exit = crawl.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the crawl's output: " + e.getMessage(), e);
    } finally {
      // a bench stopped or failed meanwhile leaves no crawl, nor its Chromium, behind
      crawl.descendants().forEach(ProcessHandle::destroyForcibly);
      crawl.destroyForcibly();
    }
    double minutes = (System.nanoTime() - t0) / 6e10;
    sampler.interrupt();
    sampler.join();
    if (exit != 0) {
      throw new IllegalStateException("the crawl failed: " + out.strip());
    }
    int done = Store.at(data).sessions().get(0).counters().done();
    return new Crawl(done / minutes, peak.get() / 1048576.0);
  }

  /** A process and its children (Playwright's driver, Chromium), in bytes; 0 off Linux. */
  static long memoryBytes(ProcessHandle root) {
    long sum = memory(root.pid());
    for (ProcessHandle h : root.descendants().toList()) {
      sum += memory(h.pid());
    }
    return sum;
  }

  /**
   * A process's proportional set size (its share of pages shared with others, so Chromium's
   * processes are not counted once each for what they share), else its resident size.
   */
  private static long memory(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    for (String[] source : new String[][] {{"smaps_rollup", "Pss:"}, {"status", "VmRSS:"}}) {
      try {
        for (String l : Files.readAllLines(proc.resolve(source[0]))) {
          if (l.startsWith(source[1])) {
            return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone meanwhile, not readable, or not Linux
      }
    }
    return 0;
  }

  /**
   * How much of each recorded page's AI snapshot the LLM agent is shown. A page the view cuts at
   * its budget counts at its full size: the figure measures compaction, and a cut is none. What
   * a bench score needs of the view is checked with it: every element a recorded step acted on
   * by its ref must still be shown, by that ref or by its role and name, or a model could not
   * have taken the step (one cut off at the budget is not shown).
   */
  private Row observationRow(Store store, List<Trajectory> episodes) throws IOException {
    long full = 0;
    long shown = 0;
    int pages = 0;
    int acted = 0;
    int kept = 0;
    for (Trajectory t : episodes) {
      Path dir = store.findEpisode(t.episodeId()).orElseThrow().getParent();
      for (Step s : t.steps()) {
        if (s.snapshotFile() != null && Files.exists(dir.resolve(s.snapshotFile()))) {
          String snapshot = Files.readString(dir.resolve(s.snapshotFile()));
          String view = Policies.modelView(snapshot, s.url());
          full += snapshot.length();
          shown += view.endsWith(" more lines not shown)\n") ? snapshot.length() : view.length();
          pages++;
          var target = s.action().target();
          if (target != null && target.ref() != null) {
            acted++;
            kept += shows(view, target) ? 1 : 0;
          }
        }
      }
    }
    progress.println("    the model's view of the recorded pages shows " + kept + " of the "
        + ConsoleProgress.count(acted, "element") + " their steps acted on by ref");
    return new Row("page characters shown to a model", "chars/page",
        (double) shown / Math.max(1, pages), (double) full / Math.max(1, pages), "<= 50%",
        full > 0 && shown <= full / 2 && acted > 0 && kept == acted);
  }

  /**
   * Whether the model's {@code view} shows {@code target}: by its ref, or by its role and name,
   * by which a model may name any element (a view keeps refs on controls only).
   */
  static boolean shows(String view, dev.skillwright.trajectories.Target target) {
    return dev.skillwright.trajectories.AriaSnapshot.parse(view).nodes().stream().anyMatch(
        n -> target.ref().equals(n.ref())
            || n.is(target.role()) && n.name().equals(target.name()));
  }

  private List<Row> browserRows(Path work, List<Trajectory> episodes) {
    Store out = Store.at(work.resolve("replays"));
    Chromium.Resolution res = Chromium.resolve(config.executable(), config.environment(),
        config.headless());
    Map<String, String> env = new HashMap<>();
    if (res.executable() != null) {
      env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    }
    try (Store.SessionLog log = out.startSession(new SessionRecord(1, "perf", "shop", "perf",
            Instant.now(), null, SessionRecord.Status.RUNNING, Map.of("kind", "bench"), null,
            null));
        Site shop = Sites.start("shop");
        BrowserSession ours = BrowserSession.launch(config);
        SpareTab spare = new SpareTab(() -> ours.newTab(Scope.ofUrl(shop.baseUrl())));
        Playwright pw = DriverCache.create(env, res.executable() != null);
        Browser raw = pw.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(res.executable()).setArgs(Chromium.FLAGS).setHeadless(true))) {
      Scope scope = Scope.ofUrl(shop.baseUrl());
      double[] replay = new double[rounds];
      double[] direct = new double[rounds];
      double[] step = new double[rounds];
      double[] byRef = new double[rounds];
      double[] act = new double[rounds];
      int n = 0;
      for (int round = -1; round < rounds; round++) {
        long r = 0;
        long d = 0;
        // the warm-up (round -1, not counted) wakes the JIT, both browsers and the site on a few
        // episodes; the timed rounds replay them all
        List<Trajectory> these = round < 0 ? episodes.subList(0, Math.min(WARM_UP,
            episodes.size())) : episodes;
        for (Trajectory t : these) {
          // the steps replay itself would run, on this shop
          List<Action> actions = ReplayCommand.rebased(ReplayCommand.replayable(t),
              shop.baseUrl());
          Task task = ReplayCommand.rebase(t.task(), shop.baseUrl());
          long t0 = System.nanoTime();
          // as a replay's worker does: one tab, made to forget between episodes
          String id = "r" + (n++);
          Trajectory done = spare.with(tab -> new EpisodeRunner(StepLimit.DEFAULT
              + actions.size(), Clock.systemUTC()).run("perf", id, task, Policies.replay(
                  actions, new Policies.ReplayOptions().setOriginal(t.episodeId())), tab,
              log.episode(id)).trajectory());
          if (done.status() != Trajectory.Status.ANSWERED) {
            throw new IllegalStateException("a replay failed: " + done.answer());
          }
          long t1 = System.nanoTime();
          try (BrowserContext ctx = raw.newContext(); Page page = ctx.newPage()) {
            direct(page, task.startUrl(), actions);
          }
          r += t1 - t0;
          d += System.nanoTime() - t1;
        }
        if (round >= 0) {
          long[] single = singleSteps(ours, raw, scope, shop.baseUrl(), episodes);
          replay[round] = r / 1e6 / episodes.size();
          direct[round] = d / 1e6 / episodes.size();
          step[round] = single[0] / 1e6;
          act[round] = single[1] / 1e6;
          byRef[round] = single[2] / 1e6;
        }
      }
      double rm = median(replay);
      double dm = median(direct);
      double sm = median(step);
      double am = median(act);
      return List.of(
          new Row("replay of recorded episodes" + (config.tracing() ? ", traced" : ""),
              "ms/episode", rm, dm, "<= 1.2x", rm <= 1.2 * dm),
          new Row("one observe + act step, no model", "ms/step", sm, am, "<= 1.3x",
              sm <= 1.3 * am),
          new Row("acting by ref instead, recording locators", "ms/step",
              median(byRef), am, "-", null));
    }
  }

  /**
   * One recorded click on the start page, done {@value #STEPS} times: through a tab (observe as
   * the offline agent does, then act by the recorded locators, as a replay or a skill's step
   * does), raw (Playwright's locator, then the load), and through a tab acting by the ref it
   * read, recording the element's locators (the offline agent's own step). The median step of
   * each, in nanoseconds. Each way's steps run in a row: a way that took turns with the others
   * would be timed while the other browser still works on the page it just loaded, which a real
   * run never meets.
   */
  private static long[] singleSteps(BrowserSession session, Browser raw, Scope scope, String start,
      List<Trajectory> episodes) {
    String startPath = java.net.URI.create(start).getPath();
    Action.Click click = episodes.stream().flatMap(t -> t.steps().stream())
        .filter(s -> s.ok() && s.action() instanceof Action.Click c && c.target() != null
            && !c.target().name().isEmpty()
            && startPath.equals(java.net.URI.create(s.url()).getPath()))
        .map(s -> (Action.Click) s.action()).findFirst().orElseThrow(
            () -> new IllegalStateException("no recorded click on the start page to time"));
    var target = click.target();
    long ours;
    long byRef;
    try (Tab tab = session.newTab(scope)) {
      // what a policy with no model looks at: the page's text (a screenshot is taken for a
      // policy that looks at pictures, and for every final page); then the recorded locators
      ours = medianStep(tab, start, () -> {
        tab.observeText();
        return new dev.skillwright.trajectories.Target(null, target.role(), target.name(),
            target.locators());
      });
      // the offline agent's own step: it acts by the ref it read, and a recording tab writes
      // down the element's locators for replay as it acts
      byRef = medianStep(tab, start, () -> new dev.skillwright.trajectories.Target(
          dev.skillwright.trajectories.AriaSnapshot.parse(tab.observeText().ariaSnapshot())
              .nodes().stream().filter(n -> n.is(target.role())
                  && n.name().equals(target.name()) && n.ref() != null).findFirst()
              .orElseThrow(() -> new IllegalStateException("the timed click's element is "
                  + "not on the page")).ref(), target.role(), target.name(), List.of()));
    }
    long[] rawNanos = new long[STEPS];
    try (BrowserContext ctx = raw.newContext(); Page page = ctx.newPage()) {
      for (int i = 0; i < STEPS; i++) {
        page.navigate(start);
        long t0 = System.nanoTime();
        byRole(page, click).click(new Locator.ClickOptions().setTimeout(10_000));
        page.waitForLoadState();
        rawNanos[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(rawNanos);
    return new long[] {ours, rawNanos[STEPS / 2], byRef};
  }

  /**
   * The median of {@value #STEPS} clicks from {@code start}, each timed from the look that
   * {@code observe} takes (it gives the click's target) to the page's load after the click.
   */
  private static long medianStep(Tab tab, String start,
      java.util.function.Supplier<dev.skillwright.trajectories.Target> observe) {
    long[] nanos = new long[STEPS];
    for (int i = 0; i < STEPS; i++) {
      tab.navigate(start);
      long t0 = System.nanoTime();
      var done = tab.execute(new Action.Click(observe.get()));
      nanos[i] = System.nanoTime() - t0;
      if (!done.ok()) {
        throw new IllegalStateException("the timed click failed: " + done.error());
      }
    }
    Arrays.sort(nanos);
    return nanos[STEPS / 2];
  }

  private static final int STEPS = 15;
  /** Recorded episodes the warm-up replays, both ways. */
  private static final int WARM_UP = 3;

  /** The recorded actions as a person would script them with Playwright's locators. */
  static void direct(Page page, String start, List<Action> actions) {
    page.navigate(start);
    for (Action a : actions) {
      if (a.isFinal()) {
        break;
      }
      if (a instanceof Action.Goto g) {
        page.navigate(g.url());
        continue;
      } else if (a instanceof Action.Back) {
        page.goBack();
        continue;
      } else if (a instanceof Action.Wait w) {
        page.waitForTimeout(w.millis());
        continue;
      } else if (a instanceof Action.Scroll sc) {
        page.mouse().wheel(0, sc.deltaY());
        continue;
      }
      Locator el = a.target() == null ? null : byRole(page, a);
      if (a instanceof Action.Click) {
        el.click();
      } else if (a instanceof Action.Fill f) {
        el.fill(f.text());
      } else if (a instanceof Action.Press p) {
        if (el == null) {
          page.keyboard().press(p.key());
        } else {
          el.press(p.key());
        }
      } else if (a instanceof Action.Select s) {
        el.selectOption(s.option());
      } else if (a instanceof Action.Check c) {
        el.setChecked(c.checked());
      } else if (a instanceof Action.Hover) {
        el.hover();
      }
      page.waitForLoadState();
    }
  }

  private static Locator byRole(Page page, Action a) {
    Page.GetByRoleOptions o = new Page.GetByRoleOptions();
    if (!a.target().name().isEmpty()) {
      o.setName(a.target().name()).setExact(true);
    }
    return page.getByRole(AriaRole.valueOf(a.target().role().toUpperCase(Locale.ROOT)
        .replace('-', '_')), o).first();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The rows as {@code report.json} holds them, with the command and the core count. */
  static Map<String, Object> report(List<Row> rows, String command) {
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("command", command);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("rows", rows.stream().map(r -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("figure", r.figure());
      m.put("unit", r.unit());
      m.put("skillwright", r.ours());
      m.put("baseline", r.baseline());
      m.put("ratio", r.ratio());
      m.put("goal", r.goal());
      m.put("met", r.met());
      return m;
    }).toList());
    return report;
  }

  /** The rows as a Markdown table, with the command and the machine in its header. */
  static String markdown(List<Row> rows, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Skillwright performance\n\n");
    sb.append("`").append(command).append("` on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.name")).append(", Java ")
        .append(System.getProperty("java.version")).append("\n\n");
    sb.append("| figure | unit | Skillwright | baseline | ratio | goal | met |\n");
    sb.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s | %s |%n",
          r.figure(), r.unit(), r.ours(), r.baseline() == null ? "-"
              : String.format(Locale.ROOT, "%.1f", r.baseline()), r.ratio() == null ? "-"
              : String.format(Locale.ROOT, "%.2f", r.ratio()), r.goal(),
          r.met() == null ? "-" : r.met() ? "yes" : "no"));
    }
    sb.append('\n');
    for (String l : List.of("Baselines: raw Playwright doing the same actions on the same "
        + "Chromium (same flags, no scope proxy, no observation, no recording) for the replay "
        + "and the step, each raw episode in a new context (Playwright's way to a clean state; "
        + "Skillwright's replays make one tab forget instead, as its workers do); the full "
        + "AI-mode aria snapshot for the page characters (met only if the view still shows "
        + "every element the recorded steps acted on); the goal for the rest. Each replayed "
        + "episode is followed by its raw one. The skill index is measured in a JVM of its own, "
        + "as a process serving the library runs. Memory is the "
        + "proportional set size of the JVM, Playwright's driver and Chromium together, in a "
        + "warm-up crawl that is not timed (reading it stalls the processes read); the crawl's "
        + "pace is the median of the rounds after it, each a run of `skillwright crawl` in a JVM "
        + "of its own, start-up included.")) {
      ConsoleProgress.wrap("", l, "").forEach(x -> sb.append(x).append('\n'));
    }
    return sb.toString();
  }
}
