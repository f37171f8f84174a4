package dev.skillwright.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The skill index under load, for {@code bench --perf}: synthetic skills over 50 sites indexed on
 * disk, then searches as agents make them (verified skills of one site, top 5), alone and while
 * another thread records skill uses through the library as a crawl's workers do. Each round of
 * searches follows an uncounted warm-up in the same conditions, so the figures are of a warm JVM
 * as a crawl has, not of the JIT compiling the code paths either round uses first. {@link #main}
 * runs it in a JVM of its own, as a process that serves the library (the MCP server, the
 * dashboard) has one: the bench's own browsers and their garbage are other figures'.
 */
public final class IndexLoad {
  private static final String[] VERBS = {"add", "search for", "open", "buy", "compare", "rate",
      "share", "archive", "label", "assign", "close", "edit", "book", "cancel", "follow",
      "upvote"};
  private static final String[] THINGS = {"mug", "lamp", "issue", "article", "post", "ticket",
      "order", "flight", "hotel", "recipe", "song", "invoice", "report", "photo", "comment",
      "review", "playlist", "meeting", "contact", "repository"};
  private static final String[] PLACES = {"cart", "wishlist", "board", "folder", "calendar",
      "library", "queue", "inbox", "profile", "project"};
  private static final int SITES = 50;

  /** Search latency percentiles in milliseconds, hits per search, and the writes meanwhile. */
  public record Latency(double p50, double p99, double max, double hitsPerSearch, int writes) {}

  /**
   * What a run measured: the build and the rounds of searches, alone, while a writer records
   * {@link #WRITES_PER_SECOND} uses a second, and while one records them as fast as it can.
   */
  public record Figures(int skills, double buildSeconds, Latency alone, Latency withWriter,
      Latency withFlatOutWriter) {}

  /**
   * The pace of the writer of the round the goal is set on: far above a crawl's (its workers
   * record a use an episode, a few a minute), and each search still overlaps a write or two. A
   * writer with no pause keeps a core busy by itself, and on two cores that round measures the
   * scheduler as much as the index; it is reported beside.
   */
  public static final int WRITES_PER_SECOND = 200;

  private IndexLoad() {}

  /**
   * {@code IndexLoad DIR SKILLS QUERIES}: {@link #measure}, its {@link Figures} printed as one
   * line of JSON. It ends when the process that started it ends, killed or not: a bench stopped
   * leaves no load running.
   */
  public static void main(String[] args) throws InterruptedException, JsonProcessingException {
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime()
        .halt(3)));
    int skills;
    int queries;
    try {
      skills = Integer.parseInt(args[1]);
      queries = Integer.parseInt(args[2]);
    } catch (RuntimeException e) {
      System.err.println("usage: IndexLoad DIR SKILLS QUERIES");
      System.exit(2);
      return;
    }
    Figures f = measure(Path.of(args[0]), skills, queries);
    System.out.println(Json.compact().writeValueAsString(f));
  }

  /**
   * Indexes {@code count} synthetic skills under {@code dir} and makes {@code queries} searches
   * alone, then as many while a writer records uses at {@link #WRITES_PER_SECOND}, then as many
   * while it records them without a pause.
   */
  public static Figures measure(Path dir, int count, int queries) throws InterruptedException {
    List<Skill> skills = skills(count);
    try (SkillIndex index = SkillIndex.open(dir)) {
      long t0 = System.nanoTime();
      for (int from = 0; from < count; from += 10_000) {
        index.addAll(skills.subList(from, Math.min(count, from + 10_000)));
      }
      double build = (System.nanoTime() - t0) / 1e9;
      searches(index, new Random(6), queries, null); // warm-up, not counted
      Latency alone = searches(index, new Random(7), queries, null);
      SkillLibrary library = SkillLibrary.over(index); // closed with the index
      Latency paced = withWriter(index, library, skills, 1_000_000_000L / WRITES_PER_SECOND,
          queries, 8);
      Latency flatOut = withWriter(index, library, skills, 0, queries, 11);
      return new Figures(count, build, alone, paced, flatOut);
    }
  }

  /**
   * Searches while another thread records uses through the library as a crawl's workers do, one
   * every {@code everyNanos} (0: without a pause), after an uncounted warm-up in the same
   * conditions: the writer's first uses compile its own code, and on two cores that JIT work
   * would time the searches.
   */
  private static Latency withWriter(SkillIndex index, SkillLibrary library, List<Skill> skills,
      long everyNanos, int queries, int seed) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger written = new AtomicInteger();
    Instant now = Instant.now();
    Thread writer = new Thread(() -> {
      Random w = new Random(seed);
      long next = System.nanoTime();
      while (!stop.get()) {
        library.recordUse(skills.get(w.nextInt(skills.size())).id(), w.nextBoolean(),
            "step 1 failed", "e", now);
        written.incrementAndGet();
        if (everyNanos > 0) {
          next += everyNanos;
          java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
        }
      }
    }, "index-load-writer");
    writer.start();
    try {
      while (written.get() == 0 && writer.isAlive()) {
        Thread.onSpinWait();
      }
      searches(index, new Random(seed + 1), queries, null);
      // other queries than the other rounds', so no answer comes from the cache
      return searches(index, new Random(seed + 2), queries, written);
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  static List<Skill> skills(int count) {
    Random rnd = new Random(42);
    Instant at = Instant.parse("2026-11-22T00:00:00Z");
    List<Skill> skills = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String verb = VERBS[rnd.nextInt(VERBS.length)];
      String thing = THINGS[rnd.nextInt(THINGS.length)];
      String place = PLACES[rnd.nextInt(PLACES.length)];
      String site = "site" + (i % SITES);
      Skill s = new Skill(1, site + ":s" + i, "s" + i, site, capital(verb) + " a " + thing
          + " \"{item}\" in the " + place + " " + i,
          List.of(new Skill.Parameter("item", "string", List.of(thing + " " + i))),
          List.of(new Action.Click(new Target(null, "link", "{item}",
              List.of(LocatorCandidate.role("link", "{item}")))),
              new Action.Click(new Target(null, "button", capital(verb) + " " + i,
                  List.of(LocatorCandidate.role("button", capital(verb) + " " + i))))),
          "*/", SuccessSignal.none(), List.of(capital(verb) + " a " + thing), List.of());
      if (rnd.nextInt(4) > 0) {
        s = s.verified(new Skill.Verification(at, Map.of(), true, "ok", "v"));
      }
      for (int r = rnd.nextInt(5); r > 0; r--) {
        s = s.ran(rnd.nextInt(5) > 0, "step 2 failed", "e", at);
      }
      skills.add(s);
    }
    return skills;
  }

  private static Latency searches(SkillIndex index, Random rnd, int queries,
      AtomicInteger written) {
    int before = written == null ? 0 : written.get();
    long[] nanos = new long[queries];
    int hits = 0;
    for (int q = 0; q < queries; q++) {
      String text = VERBS[rnd.nextInt(VERBS.length)] + " the " + THINGS[rnd.nextInt(
          THINGS.length)] + " to my " + PLACES[rnd.nextInt(PLACES.length)] + " " + q;
      long s0 = System.nanoTime();
      hits += index.search(text, SkillIndex.Filter.offered("site" + rnd.nextInt(SITES)), 5)
          .size();
      nanos[q] = System.nanoTime() - s0;
    }
    Arrays.sort(nanos);
    return new Latency(nanos[queries / 2] / 1e6, nanos[queries * 99 / 100] / 1e6,
        nanos[queries - 1] / 1e6, (double) hits / queries,
        written == null ? 0 : written.get() - before);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
