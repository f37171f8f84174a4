package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skill index at scale: 100,000 synthetic skills over 50 sites, indexed on disk, then 2,000
 * searches (verified only, one site) with their latency. Prints the figures; run on demand:
 * {@code mvn -B -ntp -pl skills -am test -Dgroups=benchmark -DexcludedGroups=
 * -Dtest=SkillIndexBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class SkillIndexBenchmark {
  static final int SKILLS = 100_000;
  static final int QUERIES = 2_000;
  static final String[] VERBS = {"add", "search for", "open", "buy", "compare", "rate", "share",
      "archive", "label", "assign", "close", "edit", "book", "cancel", "follow", "upvote"};
  static final String[] THINGS = {"mug", "lamp", "issue", "article", "post", "ticket", "order",
      "flight", "hotel", "recipe", "song", "invoice", "report", "photo", "comment", "review",
      "playlist", "meeting", "contact", "repository"};
  static final String[] PLACES = {"cart", "wishlist", "board", "folder", "calendar", "library",
      "queue", "inbox", "profile", "project"};

  @TempDir
  Path dir;

  @Test
  void index_100k_skills_and_measure_search_latency() throws InterruptedException {
    Random rnd = new Random(42);
    Instant now = Instant.parse("2026-11-22T00:00:00Z");
    List<Skill> skills = new ArrayList<>(SKILLS);
    for (int i = 0; i < SKILLS; i++) {
      String verb = VERBS[rnd.nextInt(VERBS.length)];
      String thing = THINGS[rnd.nextInt(THINGS.length)];
      String place = PLACES[rnd.nextInt(PLACES.length)];
      String site = "site" + (i % 50);
      String description = capital(verb) + " a " + thing + " \"{item}\" in the " + place + " "
          + i;
      Skill s = new Skill(1, site + ":s" + i, "s" + i, site, description,
          List.of(new Skill.Parameter("item", "string", List.of(thing + " " + i))),
          List.of(new Action.Click(new Target(null, "link", "{item}",
              List.of(LocatorCandidate.role("link", "{item}")))),
              new Action.Click(new Target(null, "button", capital(verb) + " " + i,
                  List.of(LocatorCandidate.role("button", capital(verb) + " " + i))))),
          "*/", SuccessSignal.none(), List.of(capital(verb) + " a " + thing), List.of());
      if (rnd.nextInt(4) > 0) {
        s = s.verified(new Skill.Verification(now, Map.of(), true, "ok", "v"));
      }
      for (int r = rnd.nextInt(5); r > 0; r--) {
        s = s.ran(rnd.nextInt(5) > 0, "step 2 failed", "e", now);
      }
      skills.add(s);
    }
    try (SkillIndex index = SkillIndex.open(dir)) {
      long t0 = System.nanoTime();
      for (int from = 0; from < SKILLS; from += 10_000) {
        index.addAll(skills.subList(from, Math.min(SKILLS, from + 10_000)));
      }
      double indexSeconds = (System.nanoTime() - t0) / 1e9;
      assertThat(index.size()).isEqualTo(SKILLS);

      Latency alone = searches(index, new Random(7), null);
      // the same searches while another thread records skill uses through the library, as a
      // crawl's workers do
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
      SkillLibrary library = SkillLibrary.over(index); // closed with the index
      Thread writer = new Thread(() -> {
        Random w = new Random(9);
        while (!stop.get()) {
          String id = skills.get(w.nextInt(SKILLS)).id();
          library.recordUse(id, w.nextBoolean(), "step 1 failed", "e", now);
          written.incrementAndGet();
        }
      }, "benchmark-writer");
      writer.start();
      Latency busy;
      try {
        while (written.get() == 0) {
          Thread.onSpinWait(); // measure once the writer is under way
        }
        // other queries than the first round's, so that no answer comes from the cache
        busy = searches(index, new Random(8), written);
      } finally {
        stop.set(true);
      }
      writer.join();
      long mb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
      System.out.printf(Locale.ROOT, "skill index benchmark: %,d skills indexed in %.1f s "
              + "(%,.0f per second); %,d searches (verified, one site, top 5): %s; "
              + "with a concurrent writer (%,d updates meanwhile): %s; heap in use %d MB%n",
          SKILLS, indexSeconds, SKILLS / indexSeconds, QUERIES, alone, busy.writes(), busy, mb);
      assertThat(alone.hits()).isPositive();
      assertThat(busy.writes()).isPositive();
    }
  }

  /** Latency percentiles of {@link #QUERIES} searches, and the writes made meanwhile. */
  record Latency(double p50, double p99, double max, double hitsPerSearch, int writes) {
    int hits() {
      return (int) Math.round(hitsPerSearch * QUERIES);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f hits",
          p50, p99, max, hitsPerSearch);
    }
  }

  static Latency searches(SkillIndex index, Random rnd,
      java.util.concurrent.atomic.AtomicInteger written) {
    int before = written == null ? 0 : written.get();
    long[] nanos = new long[QUERIES];
    int hits = 0;
    for (int q = 0; q < QUERIES; q++) {
      String text = VERBS[rnd.nextInt(VERBS.length)] + " the " + THINGS[rnd.nextInt(
          THINGS.length)] + " to my " + PLACES[rnd.nextInt(PLACES.length)] + " " + q;
      long s0 = System.nanoTime();
      hits += index.search(text, SkillIndex.Filter.offered("site" + rnd.nextInt(50)), 5).size();
      nanos[q] = System.nanoTime() - s0;
    }
    Arrays.sort(nanos);
    return new Latency(nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6,
        nanos[QUERIES - 1] / 1e6, (double) hits / QUERIES,
        written == null ? 0 : written.get() - before);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
