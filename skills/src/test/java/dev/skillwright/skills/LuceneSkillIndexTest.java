package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSkillIndexTest {
  @TempDir
  Path dir;

  /** A name of its own for each description, as a test needs them apart. */
  static String slug(String description) {
    return description.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("(^_|_$)", "");
  }

  static Skill skill(String site, String description, String example) {
    String name = slug(description);
    return new Skill(Skill.SCHEMA_VERSION, site + ":" + name, name, site, description,
        List.of(new Skill.Parameter("item", "string", List.of("x"))),
        List.of(new Action.Click(Target.of(null, "button", description))), "*/",
        SuccessSignal.none(),
        List.of(example), List.of());
  }

  static final Skill ADD = skill("shop", "Add \"{item}\" to the cart, then open \"Cart\"",
      "Add \"Blue Ceramic Mug\" to the cart, then open \"Cart\".");
  static final Skill SEARCH = skill("shop", "Search for \"{query}\"", "Search for \"lamp\".");
  static final Skill PRICE = skill("shop", "What is the price of \"{item}\"",
      "What is the price of \"Hand Trowel\"?");
  static final Skill WIKI = skill("wiki", "Search for \"{query}\"", "Search for \"Turing\".");

  @Test
  void paraphrases_find_the_skill_through_stems_and_synonyms() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      List.of(ADD, SEARCH, PRICE).forEach(library::add);

      assertThat(index.search("put a mug in the cart", (String) null, 3).get(0).skill().id())
          .isEqualTo(ADD.id());
      assertThat(index.search("how much does the trowel cost", (String) null, 3).get(0).skill()
          .id())
          .isEqualTo(PRICE.id());
      assertThat(index.search("look for lamps", (String) null, 3).get(0).skill().id())
          .isEqualTo(SEARCH.id());
      assertThat(index.search("zebra", (String) null, 3)).isEmpty();
      assertThat(index.search("\"]:*(", (String) null, 3)).isEmpty();
    }
  }

  @Test
  void a_page_of_text_pasted_as_a_search_is_answered_by_its_first_words() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 2 * LuceneSkillIndex.MAX_WORDS; i++) {
      // zqba, zqbb, ...: distinct words of letters only, which no stemmer folds together
      words.append(" zq").append((char) ('b' + i / 24)).append((char) ('b' + i % 24));
    }
    // every word in the index, in three fields: one clause each would pass Lucene's limit
    Skill wordy = skill("shop", "Read" + words, "Read" + words + ".");
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      List.of(SEARCH, wordy).forEach(library::add);

      assertThat(library.index().search("look for lamps" + words, (String) null, 3))
          .extracting(h -> h.skill().id()).containsExactly(wordy.id(), SEARCH.id());
    }
  }

  @Test
  void the_rate_reorders_past_the_first_matches_lucene_ranks() {
    // 300 skills that match a search equally well: all fail but one, indexed late, beyond the
    // first matches by relevance alone; ranking by relevance times rate must still find it
    java.time.Instant at = java.time.Instant.parse("2026-12-01T00:00:00Z");
    List<Skill> many = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Skill s = skill("shop", "Archive the ledger entry " + i, "Archive the ledger entry " + i);
      many.add(i == 250 ? s.ran(true, "ok", "e", at).ran(true, "ok", "e", at)
          : s.ran(false, "step 1 failed", "e", at));
    }
    try (SkillIndex index = SkillIndex.open(dir)) {
      index.addAll(many);

      List<SkillIndex.Hit> hits = index.search("archive the ledger entry", (String) null, 3);

      assertThat(hits).hasSize(3);
      assertThat(hits.get(0).skill().id()).isEqualTo(many.get(250).id());
      assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }
  }

  @Test
  void the_site_filter_is_exact() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      List.of(SEARCH, WIKI).forEach(library::add);

      assertThat(index.search("search", "wiki", 5)).extracting(h -> h.skill().id())
          .containsExactly(WIKI.id());
      assertThat(index.list("shop")).containsExactly(SEARCH);
      assertThat(index.list(null)).hasSize(2);
    }
  }

  @Test
  void adding_the_same_skill_again_merges_instead_of_duplicating() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      assertThat(library.add(ADD).isNew()).isTrue();
      Skill again = skill("shop", ADD.description(), "Add \"Hand Trowel\" to the cart.");
      assertThat(library.add(again).isNew()).isFalse();

      assertThat(index.size()).isEqualTo(1);
      assertThat(index.get(ADD.id()).orElseThrow().examples()).hasSize(2);
      assertThat(index.get(ADD.name())).isPresent();
    }
  }

  static Skill withSignal(Skill s, dev.skillwright.trajectories.Condition... all) {
    return new Skill(s.schemaVersion(), s.id(), s.name(), s.site(), s.description(),
        s.parameters(), s.steps(), s.startUrlPattern(), SuccessSignal.of(all), s.examples(),
        s.provenance());
  }

  @Test
  void a_run_of_the_same_steps_merges_only_into_a_signal_both_keep() {
    var category = new dev.skillwright.trajectories.Condition.UrlMatches("*/category/{item}");
    var shown = new dev.skillwright.trajectories.Condition.TextPresent("{item}");
    var created = new dev.skillwright.trajectories.Condition.UrlMatches("*/new");
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      library.add(withSignal(ADD, category, shown));
      Skill same = skill("shop", ADD.description(), "Add \"Hand Trowel\" to the cart.");
      assertThat(library.add(withSignal(same, shown)).isNew()).isFalse();
      assertThat(index.get(ADD.id()).orElseThrow().success().all())
          .as("what both promise").containsExactly(shown);

      // other steps under the same words, and no promise in common: another skill
      Skill otherSteps = new Skill(Skill.SCHEMA_VERSION, ADD.id(), ADD.name(), "shop",
          ADD.description(), ADD.parameters(), List.of(new Action.Click(Target.of(null, "link",
              "{item}")), new Action.Click(Target.of(null, "button", "Add"))), "*/",
          SuccessSignal.of(created), List.of("Add \"Hand Trowel\" to the cart."), List.of());
      SkillLibrary.Learned other = library.add(otherSteps);
      assertThat(other.isNew()).as("kept apart").isTrue();
      assertThat(other.skill().id()).matches(java.util.regex.Pattern.quote(ADD.id())
          + "_[0-9a-f]{4}");
      assertThat(other.skill().success().all()).containsExactly(created);
      assertThat(library.add(otherSteps).skill().id())
          .as("and found again as itself").isEqualTo(other.skill().id());
      assertThat(index.size()).isEqualTo(2);

      // the same steps with no promise in common: one skill, checked by its values on the page,
      // and a candidate again
      library.add(withSignal(same, created));
      assertThat(index.get(ADD.id()).orElseThrow().success().all())
          .containsExactly(new dev.skillwright.trajectories.Condition.TextPresent("{item}"));
      assertThat(index.size()).isEqualTo(2);
    }
  }

  @Test
  void skills_survive_reopening_from_disk() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      library.add(ADD);
    }
    try (SkillIndex reopened = SkillIndex.open(dir)) {
      assertThat(reopened.get(ADD.id())).contains(ADD);
    }
  }

  @Test
  void an_index_that_does_not_exist_yet_is_empty_and_not_created_by_reads() {
    Path nowhere = dir.resolve("not-yet");
    try (SkillIndex index = SkillIndex.open(nowhere)) {
      assertThat(index.list(null)).isEmpty();
      assertThat(index.search("cart", (String) null, 5)).isEmpty();
      assertThat(index.size()).isZero();
    }
    assertThat(nowhere).doesNotExist();
  }

  static Skill searchSkill(String id, String description, String example) {
    return new Skill(Skill.SCHEMA_VERSION, "shop:" + id, id, "shop", description,
        List.of(new Skill.Parameter("query", "string", List.of(example))),
        List.of(new Action.Fill(Target.of(null, "searchbox", "Search products"), "{query}"),
            new Action.Press(Target.of(null, "searchbox", "Search products"), "Enter")), "*/",
        SuccessSignal.none(), List.of("Search for \"" + example + "\"."), List.of());
  }

  @Test
  void two_runs_that_did_the_same_with_other_values_or_words_make_one_skill() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      Skill mug = searchSkill("search_products", "Search for \"{query}\"", "mug");
      Skill lamp = searchSkill("look_up_query", "Look up \"{query}\" in the shop", "lamp");
      Skill worded = searchSkill("search_shop", "Search the shop for \"{query}\"",
          "vase");
      worded = worded.withSteps(List.of(new Action.Fill(Target.of(null, "searchbox",
          "Search products"), "{query}"), new Action.Press(Target.of(null, "searchbox",
          "Search the shop"), "Enter")));

      assertThat(library.add(mug).isNew()).isTrue();
      SkillLibrary.Learned second = library.add(lamp);
      SkillLibrary.Learned third = library.add(worded);

      assertThat(second.isNew()).as("same step signature").isFalse();
      assertThat(second.skill().id()).isEqualTo(mug.id());
      assertThat(third.isNew()).as("MoreLikeThis: similar words, same parameters and shape")
          .isFalse();
      assertThat(index.size()).isEqualTo(1);
      Skill one = index.get(mug.id()).orElseThrow();
      assertThat(one.parameters().get(0).examples()).containsExactly("mug", "lamp", "vase");
      assertThat(one.examples()).hasSize(3);
    }
  }

  static Skill explored(String description, Action step) {
    String name = slug(description);
    return new Skill(Skill.SCHEMA_VERSION, "app:" + name, name, "app", description, List.of(),
        List.of(step), "*/", SuccessSignal.none(), List.of(description + "."), List.of());
  }

  @Test
  void skills_alike_in_words_that_act_on_other_elements_stay_apart() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      String prefix = "Open the app, look at the list of things to do today, then click the ";
      Skill active = explored(prefix + "\"Active\" link",
          new Action.Click(Target.of(null, "link", "Active")));
      Skill completed = explored(prefix + "\"Completed\" link",
          new Action.Click(Target.of(null, "link", "Completed")));
      Skill checked = explored(prefix + "\"Done\" box",
          new Action.Check(Target.of(null, "checkbox", "Done"), true));
      Skill unchecked = explored(prefix + "\"Done\" box off",
          new Action.Check(Target.of(null, "checkbox", "Done"), false));
      Skill again = explored(prefix + "\"Active\" link now",
          new Action.Click(Target.of(null, "link", "active")));

      assertThat(library.add(active).isNew()).isTrue();
      assertThat(library.add(completed).isNew()).as("another link's name").isTrue();
      assertThat(library.add(checked).isNew()).isTrue();
      assertThat(library.add(unchecked).isNew()).as("unchecking is another task").isTrue();
      SkillLibrary.Learned same = library.add(again);
      assertThat(same.isNew()).as("the same link, worded otherwise").isFalse();
      assertThat(same.skill().id()).isEqualTo(active.id());
      assertThat(index.size()).isEqualTo(4);
    }
  }

  @Test
  void agents_are_offered_verified_skills_ranked_by_how_well_they_work() {
    java.time.Instant now = java.time.Instant.parse("2026-11-22T00:00:00Z");
    Skill.Verification pass = new Skill.Verification(now, java.util.Map.of(), true, "ok", "e-v1");
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      Skill flaky = skill("shop", "Add \"{item}\" to the basket", "Add \"Mug\" to the basket.")
          .verified(pass).ran(false, "step 2 failed", "e1", now).ran(false, "step 2 failed",
              "e2", now);
      Skill sound = skill("shop", "Add \"{item}\" to the cart", "Add \"Mug\" to the cart.")
          .verified(pass).ran(true, null, "e3", now).ran(true, null, "e4", now);
      index.addAll(List.of(flaky, sound, SEARCH));

      assertThat(index.search("add item", SkillIndex.Filter.offered("shop"), 5))
          .extracting(h -> h.skill().id()).containsExactly(sound.id(), flaky.id());
      assertThat(index.search("search for query", SkillIndex.Filter.offered("shop"), 5))
          .as("a candidate is not offered").isEmpty();
      assertThat(index.search("search for query", "shop", 5)).hasSize(1);
    }
  }

  @Test
  void a_recorded_use_shows_at_once_in_lookups_listings_and_the_ranking() {
    java.time.Instant now = java.time.Instant.parse("2026-11-22T00:00:00Z");
    Skill.Verification pass = new Skill.Verification(now, java.util.Map.of(), true, "ok", "e-v1");
    // two skills a search finds equally relevant: the rate alone orders them
    Skill cart = skill("shop", "Add \"{item}\" to the cart", "Add \"Mug\" to the cart.")
        .verified(pass);
    Skill basket = skill("shop", "Add \"{item}\" to the basket",
        "Add \"Mug\" to the basket.").verified(pass);
    SkillIndex.Filter offered = SkillIndex.Filter.offered("shop");
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      index.addAll(List.of(cart, basket));
      assertThat(index.search("add item", offered, 5)).extracting(h -> h.skill().id())
          .containsExactly(cart.id(), basket.id());

      // when: the second works twice and the first fails twice
      for (int i = 0; i < 2; i++) {
        library.recordUse(basket.id(), true, null, "e" + i, now);
        library.recordUse(cart.id(), false, "step 2 failed", "e" + i, now);
      }

      // then: searches rank by the rates as they are now, and every read shows the uses
      List<SkillIndex.Hit> hits = index.search("add item", offered, 5);
      assertThat(hits).extracting(h -> h.skill().id()).containsExactly(basket.id(), cart.id());
      assertThat(hits.get(0).skill().health().successes()).isEqualTo(2);
      assertThat(hits.get(0).score() / hits.get(1).score()).as("1.25 / 0.75")
          .isCloseTo(1.25f / 0.75f, org.assertj.core.data.Offset.offset(1e-4f));
      assertThat(index.get(cart.id()).orElseThrow().health().failingStreak()).isEqualTo(2);
      assertThat(index.list("shop")).extracting(s -> s.health().executions())
          .containsExactly(2, 2);
      assertThat(index.search("add item", "shop", 5)).extracting(h -> h.skill().health())
          .containsExactly(index.get(basket.id()).orElseThrow().health(),
              index.get(cart.id()).orElseThrow().health());
    }
    try (SkillIndex reopened = SkillIndex.open(dir, n -> {
      throw new AssertionError("no repair expected: " + n);
    })) {
      assertThat(reopened.search("add item", offered, 5)).extracting(h -> h.skill().id())
          .containsExactly(basket.id(), cart.id());
      assertThat(reopened.get(basket.id()).orElseThrow().health().executions()).isEqualTo(2);
    }
  }

  @Test
  void a_cached_lookup_sees_the_next_write() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      library.add(SEARCH);
      assertThat(index.get(SEARCH.id()).orElseThrow().offered()).isFalse();
      assertThat(index.search("search", "shop", 3)).hasSize(1);

      index.update(SEARCH.id(), s -> s.withStatus(Skill.Status.VERIFIED));

      assertThat(index.get(SEARCH.id()).orElseThrow().offered()).isTrue();
      assertThat(index.search("search", SkillIndex.Filter.offered("shop"), 3)).hasSize(1);
    }
  }

  @Test
  void searches_run_while_another_thread_adds_skills_and_health_updates() throws Exception {
    int writes = 30;
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      SkillIndex index = library.index();
      library.add(SEARCH);
      AtomicInteger searches = new AtomicInteger();
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger longestWaitMillis = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<?> writer = pool.submit(() -> {
          try {
            for (int i = 0; i < writes; i++) {
              library.add(skill("shop", "Open the report number " + i, "Open report " + i));
              library.recordUse(SEARCH.id(), true, null, "e" + System.nanoTime(),
                  java.time.Instant.EPOCH);
            }
          } finally {
            writing.set(false);
          }
        });
        List<Future<?>> readers = new java.util.ArrayList<>();
        for (int r = 0; r < 2; r++) {
          readers.add(pool.submit(() -> {
            while (writing.get()) {
              long t0 = System.nanoTime();
              int n = searches.get();
              List<SkillIndex.Hit> hits = index.search("look for lamps " + n % 7, "shop", 3);
              longestWaitMillis.accumulateAndGet((int) ((System.nanoTime() - t0) / 1_000_000),
                  Math::max);
              // the searched skill is there in every state the writer passes through
              assertThat(hits).extracting(h -> h.skill().id()).contains(SEARCH.id());
              assertThat(index.get(SEARCH.id())).isPresent();
              searches.incrementAndGet();
              Thread.yield();
            }
          }));
        }
        writer.get(120, TimeUnit.SECONDS);
        for (Future<?> r : readers) {
          r.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(searches.get()).as("searches done while the writer ran").isPositive();
      assertThat(index.size()).isEqualTo(writes + 1);
      assertThat(index.get(SEARCH.id()).orElseThrow().health().executions()).isEqualTo(writes);
      System.out.printf("%d searches alongside %d writes; the longest took %d ms%n",
          searches.get(), 2 * writes, longestWaitMillis.get());
    }
    // the writes were committed on close, and the files agree
    try (SkillIndex again = SkillIndex.open(dir, n -> {
      throw new AssertionError("no repair expected: " + n);
    })) {
      assertThat(again.size()).isEqualTo(writes + 1);
    }
  }

  @Test
  void a_group_whose_file_cannot_be_forced_leaves_the_index_as_its_files_are()
      throws Exception {
    Skill archive = skill("site0", "Archive the old reports", "Archive the old reports.");
    List<Skill> again = new java.util.ArrayList<>(GroupWriter.round(100, 2));
    again.add(archive);
    try (SkillIndex index = SkillIndex.open(dir)) {
      index.addAll(GroupWriter.round(100, 1));

      // when: the disk fails to force one file of the next group, once its documents were sent
      AtomicFiles.injectFault(p -> p.getFileName().toString().startsWith(".skill-57.json.")
          ? new java.io.IOException("Input/output error") : null);
      try {
        assertThatThrownBy(() -> index.addAll(again)).hasMessageContaining("skill-57.json")
            .hasMessageContaining("Input/output error");
      } finally {
        AtomicFiles.injectFault(null);
      }
      index.put(SEARCH); // a write that refreshes the readers

      // then: the index holds the skills as their files do, the old ones, and not the new one
      for (Skill s : GroupWriter.round(100, 1)) {
        assertThat(index.get(s.id()).orElseThrow().description()).endsWith("in round 1");
      }
      assertThat(index.get(archive.id())).isEmpty();
      assertThat(index.search("archive the reports", "site0", 3)).isEmpty();
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir)) {
        assertThat(s.map(p -> p.getFileName().toString())).as("no temporary file is left")
            .noneMatch(n -> n.startsWith(".") && n.endsWith(".tmp"));
      }

      index.addAll(again);
      assertThat(index.get("site3:skill-58").orElseThrow().description()).endsWith("round 2");
      assertThat(index.search("archive the reports", "site0", 3)).extracting(h -> h.skill().id())
          .containsExactly(archive.id());
    }
    try (SkillIndex reopened = SkillIndex.open(dir, n -> {
      throw new AssertionError("no repair expected: " + n);
    })) {
      assertThat(reopened.size()).isEqualTo(102);
    }
  }

  @Test
  void a_search_during_a_write_answers_at_once_from_the_index_as_it_was() throws Exception {
    Skill lamp = skill("shop", "Open the lamp report", "Open the lamp report.");
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (SkillIndex index = SkillIndex.open(dir)) {
      index.put(SEARCH);
      assertThat(index.search("lamp", "shop", 5)).hasSize(1);
      // given: a writer stopped inside its write, holding the index's write lock
      AtomicFiles.injectFault(p -> {
        if (p.getFileName().toString().equals(slug(lamp.description()) + ".json")) {
          inWrite.countDown();
          try {
            letGo.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return null;
      });
      Future<?> writer = pool.submit(() -> index.put(lamp));
      assertThat(inWrite.await(30, TimeUnit.SECONDS)).as("the writer reached its write").isTrue();

      // when: another thread searches and looks up meanwhile
      // (another k than the search before: not answered from the cache, but by the searcher)
      Future<List<SkillIndex.Hit>> during = pool.submit(() -> index.search("lamp", "shop", 4));
      Future<Boolean> found = pool.submit(() -> index.get(SEARCH.id()).isPresent());

      // then: both answer while the writer still holds its lock (the guard is for a hang,
      // not a speed), from the index before the write: nothing half-written shows
      assertThat(during.get(30, TimeUnit.SECONDS)).extracting(h -> h.skill().id())
          .containsExactly(SEARCH.id());
      assertThat(found.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(writer).isNotDone();

      letGo.countDown();
      writer.get(30, TimeUnit.SECONDS);
      assertThat(index.search("lamp", "shop", 5)).extracting(h -> h.skill().id())
          .containsExactlyInAnyOrder(SEARCH.id(), lamp.id());
    } finally {
      AtomicFiles.injectFault(null);
      letGo.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void a_reader_only_index_sees_what_another_commits_and_a_closed_one_says_so() {
    try (SkillIndex writer = SkillIndex.open(dir)) {
      writer.put(SEARCH);
      writer.commit();
      SkillIndex reader = SkillIndex.open(dir);
      try {
        assertThat(reader.list(null)).extracting(Skill::id).containsExactly(SEARCH.id());
        assertThat(reader.search("look for lamps", "shop", 3)).hasSize(1);

        writer.put(PRICE);
        writer.commit();

        // as the dashboard does: the same questions again, after another process wrote
        assertThat(reader.list(null)).extracting(Skill::id)
            .containsExactlyInAnyOrder(SEARCH.id(), PRICE.id());
        assertThat(reader.get(PRICE.id())).isPresent();
      } finally {
        reader.close();
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.list(null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }
  }
}
