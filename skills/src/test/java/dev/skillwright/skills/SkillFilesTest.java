package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skill files are the truth: the index is derived, checked on open, rebuilt, never lost. */
class SkillFilesTest {
  @TempDir
  Path root;
  Path dir;

  @org.junit.jupiter.api.BeforeEach
  void skillsDir() {
    // the skills folder inside a folder of the test's own, so a file escaping it is found
    dir = root.resolve("skills");
  }
  final List<String> notices = new ArrayList<>();

  static Skill skill(String site, String id, String description) {
    return new Skill(Skill.SCHEMA_VERSION, site + ":" + id, id, site, description,
        List.of(new Skill.Parameter("item", "string", List.of("x"))),
        List.of(new Action.Click(Target.of(null, "button", description))), "*/",
        SuccessSignal.none(), List.of(description + "."), List.of());
  }

  static final List<Skill> SKILLS = List.of(skill("shop", "add-item", "Add \"{item}\""),
      skill("shop", "search-for-query", "Search for \"{item}\""),
      skill("wiki", "open-article", "Open the \"{item}\" article"),
      skill("../index", "../../escape\\me", "Escape \"{item}\""));

  SkillIndex open() {
    return SkillIndex.open(dir, notices::add);
  }

  void write() {
    try (SkillIndex index = open()) {
      index.addAll(SKILLS);
    }
    notices.clear();
  }

  List<String> listed() {
    try (SkillIndex index = open()) {
      return index.list(null).stream().map(Skill::id).toList();
    }
  }

  /** Every file's content hash, wherever it is now: nothing may vanish. */
  Set<String> contents() throws Exception {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
        out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  static List<String> ids() {
    return SKILLS.stream().map(Skill::id).sorted().toList();
  }

  @Test
  void each_skill_is_a_json_file_under_its_site_with_safe_names() throws Exception {
    write();
    assertThat(dir.resolve("shop/add-item.json")).isRegularFile();
    assertThat(dir.resolve("wiki/open-article.json")).isRegularFile();
    try (Stream<Path> s = Files.walk(dir.getParent())) {
      assertThat(s.filter(p -> p.getFileName().toString().contains("escape")))
          .singleElement().satisfies(p -> {
            assertThat(p.startsWith(dir)).isTrue();
            assertThat(dir.relativize(p).getNameCount()).isEqualTo(2);
            assertThat(dir.relativize(p).getName(0).toString()).doesNotStartWith("index");
          });
    }
    assertThat(dir.resolve("index")).isDirectory();
    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).as("a sound index is not rebuilt").isEmpty();
  }

  @Test
  void a_deleted_segments_file_is_rebuilt_from_the_files_and_nothing_is_deleted()
      throws Exception {
    write();
    try (Stream<Path> s = Files.list(dir.resolve("index"))) {
      for (Path f : s.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.delete(f);
      }
    }
    Set<String> before = contents();

    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).singleElement().asString().contains("segments file is gone", "rebuilt",
        "4 skill files");
    assertThat(contents()).containsAll(before);
    notices.clear();
    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).isEmpty();
  }

  @Test
  void a_garbled_segment_is_rebuilt_from_the_files_and_nothing_is_deleted() throws Exception {
    write();
    Path biggest;
    try (Stream<Path> s = Files.list(dir.resolve("index"))) {
      biggest = s.filter(f -> !f.getFileName().toString().startsWith("segments")
          && !f.getFileName().toString().equals("write.lock"))
          .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(biggest);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 16; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(biggest, bytes);
    Set<String> before = contents();

    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).singleElement().asString().contains("damaged", "rebuilt");
    assertThat(contents()).containsAll(before);
    try (SkillIndex index = open()) {
      assertThat(index.search("search for a mug", "shop", 3)).isNotEmpty();
    }
  }

  @Test
  void the_older_layout_migrates_its_skills_to_files_and_its_index_to_index() throws Exception {
    // the index as older versions wrote it: directly in skills/, the skills only in it
    try (var d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d,
        new IndexWriterConfig(SkillAnalyzers.index()))) {
      for (Skill s : SKILLS) {
        w.addDocument(LuceneSkillIndex.toDocument(s));
      }
      w.commit();
    }

    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).first().asString().contains("older layout", "4 skills as files");
    assertThat(dir.resolve("shop/add-item.json")).isRegularFile();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.filter(Files::isRegularFile)).isEmpty();
    }
    try (Stream<Path> s = Files.list(dir.resolve("index"))) {
      assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("segments"));
    }
    // and the files alone restore everything
    deleteTree(dir.resolve("index"));
    notices.clear();
    assertThat(listed()).isEqualTo(ids());
  }

  @Test
  void an_index_not_sorted_by_site_is_rebuilt_sorted_and_then_written_to() throws Exception {
    writeOlderIndex();

    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).singleElement().asString().contains("older layout",
        "not sorted by site", "rebuilt it from 4 skill files");
    try (var d = FSDirectory.open(dir.resolve("index"))) {
      assertThat(org.apache.lucene.index.SegmentInfos.readLatestCommit(d).asList())
          .isNotEmpty().allSatisfy(si -> assertThat(si.info.getIndexSort())
              .isEqualTo(LuceneSkillIndex.ORDER));
    }
    // a writer opens on it (one would refuse an index sorted otherwise) and a search finds
    try (SkillIndex index = open()) {
      index.update(SKILLS.get(0).id(), s -> s.ran(true, null, "e", java.time.Instant.EPOCH));
      assertThat(index.search("search for a mug", "shop", 3)).isNotEmpty();
    }
    notices.clear();
    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).as("a sorted index is not rebuilt again").isEmpty();
  }

  @Test
  void an_unsorted_index_another_process_held_at_open_is_not_written_and_says_how_to_rebuild()
      throws Exception {
    writeOlderIndex();
    SkillIndex index;
    // the other process holds the write lock while this one opens: the index is left alone
    try (var d = FSDirectory.open(dir.resolve("index"));
        var lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      index = open();
    }
    try (index) {
      assertThat(index.list(null)).extracting(Skill::id).isEqualTo(ids());
      assertThatThrownBy(() -> index.put(skill("wiki", "edit-page", "Edit the \"{item}\" page")))
          .isInstanceOf(dev.skillwright.trajectories.SkillwrightException.class)
          .hasMessageContaining("older layout").hasMessageContaining("skills reindex");
    }
    // the next open, alone, rebuilds it
    notices.clear();
    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).singleElement().asString().contains("older layout");
  }

  /**
   * The skill files, and skills/index/ as the versions before the site order wrote it: Lucene's
   * default order, and no sort field.
   */
  private void writeOlderIndex() throws Exception {
    write();
    deleteTree(dir.resolve("index"));
    try (var d = FSDirectory.open(Files.createDirectories(dir.resolve("index")));
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(SkillAnalyzers.index()))) {
      for (Skill s : SKILLS) {
        var doc = LuceneSkillIndex.toDocument(s);
        doc.removeFields(LuceneSkillIndex.SITE); // the sort field goes with it
        doc.add(new org.apache.lucene.document.StringField(LuceneSkillIndex.SITE, s.site(),
            org.apache.lucene.document.Field.Store.NO));
        w.addDocument(doc);
      }
      w.commit();
    }
  }

  @Test
  void an_unreadable_skill_file_is_kept_aside_and_the_skill_written_back_from_the_index()
      throws Exception {
    write();
    Path f = dir.resolve("shop/add-item.json");
    Files.writeString(f, "{\"schemaVersion\": 1, \"id\": ");

    assertThat(listed()).isEqualTo(ids());
    assertThat(notices).anyMatch(n -> n.contains("cannot be read") && n.contains("kept as"));
    assertThat(Files.readString(f)).contains("\"shop:add-item\"");
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertThat(s.filter(p -> p.getFileName().toString().contains(".unreadable-")))
          .singleElement().satisfies(p -> assertThat(Files.readString(p))
              .isEqualTo("{\"schemaVersion\": 1, \"id\": "));
    }
  }

  @Test
  void an_index_that_stored_each_skill_as_a_string_is_read_and_reindexed_once() throws Exception {
    // given: the files, and an index of the versions that stored each skill's JSON as a string
    write();
    try (var d = FSDirectory.open(dir.resolve("index"));
        IndexWriter w = new IndexWriter(d, LuceneSkillIndex.config(
            IndexWriterConfig.OpenMode.CREATE))) {
      for (Skill s : SKILLS) {
        var doc = LuceneSkillIndex.toDocument(s);
        doc.removeFields(LuceneSkillIndex.JSON);
        doc.add(new org.apache.lucene.document.StoredField(LuceneSkillIndex.JSON,
            Json.compact().writeValueAsString(s)));
        w.addDocument(doc);
      }
      w.commit();
    }

    // and a skill only that index holds, its file gone
    Path gone = new SkillFiles(dir).fileOf(SKILLS.get(0));
    Files.delete(gone);

    // then: it opens with every skill, the lost one written back from its string, indexed anew
    // once, and as it is from then on
    try (SkillIndex index = open()) {
      assertThat(index.get(SKILLS.get(0).id())).contains(SKILLS.get(0));
      assertThat(index.list(null)).extracting(Skill::id).containsExactlyInAnyOrderElementsOf(
          ids());
    }
    assertThat(Json.mapper().readValue(gone.toFile(), Skill.class)).isEqualTo(SKILLS.get(0));
    assertThat(notices).anyMatch(n -> n.contains("re-indexed 4 skills"));
    notices.clear();
    assertThat(listed()).hasSize(4);
    assertThat(notices).isEmpty();
  }

  @Test
  void a_skill_file_changed_or_added_by_hand_is_indexed_on_open_and_reindex_rebuilds()
      throws Exception {
    write();
    Skill extra = skill("wiki", "edit-page", "Edit the \"{item}\" page");
    new SkillFiles(dir).write(extra);

    assertThat(listed()).contains(extra.id());
    assertThat(notices).singleElement().asString().contains("re-indexed 1 skill");
    notices.clear();
    assertThat(SkillIndex.reindex(dir, notices::add)).isEqualTo(5);
    assertThat(listed()).hasSize(5);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("index")))
          .containsExactly("index");
    }
  }

  @Test
  void a_group_write_killed_at_any_moment_leaves_each_file_whole_old_or_new() throws Exception {
    // given: a process that writes the same 600 skills as one group, round after round
    int count = 600;
    java.util.Random random = new java.util.Random(14);
    for (int kill = 0; kill < 3; kill++) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          GroupWriter.class.getName(), dir.toString(), String.valueOf(count))
          .redirectErrorStream(true).start();
      java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      try {
        // when: it is killed (SIGKILL) at a random moment once a first round is written
        String line = out.readLine();
        while (line != null && !line.equals("round 1")) {
          line = out.readLine();
        }
        assertThat(line).as("the child wrote a first round").isEqualTo("round 1");
        Thread.sleep(random.nextInt(400));
      } finally {
        p.destroyForcibly();
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }

      // then: every skill's file is there and whole, as one round or another wrote it
      Map<String, Skill> read = new SkillFiles(dir).readAll(notices::add);
      assertThat(notices).as("no file is unreadable").isEmpty();
      assertThat(read).hasSize(count);
      Map<Integer, List<Skill>> rounds = new java.util.HashMap<>();
      for (int i = 0; i < count; i++) {
        Skill s = read.get("site" + i % 5 + ":skill-" + i);
        assertThat(s.description()).startsWith("Open \"{item}\" " + i + " in round ");
        int round = Integer.parseInt(s.description().substring(
            s.description().lastIndexOf(' ') + 1));
        Skill written = rounds.computeIfAbsent(round, r -> GroupWriter.round(count, r)).get(i);
        assertThat(Files.readString(new SkillFiles(dir).fileOf(s)))
            .isEqualTo(Json.mapper().writeValueAsString(written));
      }
      assertThat(rounds.keySet()).as("the group cut short and the one before it")
          .hasSizeBetween(1, 2)
          .allMatch(r -> rounds.keySet().stream().allMatch(o -> Math.abs(o - r) <= 1));
    }
  }

  @Test
  void a_group_write_that_fails_replaces_no_file_and_leaves_no_temporary_one() throws Exception {
    // given: 100 skills written as files
    SkillFiles files = new SkillFiles(dir);
    files.writeAll(GroupWriter.round(100, 1));
    Set<String> before = contents();

    // when: writing them again fails before the files are in place (the work done with one)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.writeAll(
        GroupWriter.round(100, 2), (json, i) -> {
          if (i == 57) {
            throw new IllegalStateException("cannot encode a document");
          }
        }, () -> { })).hasMessageContaining("cannot encode a document");

    // then: every file is as it was, and only the skills' files are there
    assertThat(contents()).isEqualTo(before);
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .hasSize(100).allMatch(n -> n.endsWith(".json") && !n.startsWith("."));
    }

    // and when the disk refuses one file of the group (full, read-only), the same holds
    Path refused = files.fileOf(GroupWriter.round(100, 3).get(57)).toAbsolutePath();
    dev.skillwright.trajectories.AtomicFiles.injectFault(p -> p.equals(refused)
        ? new java.io.IOException("No space left on device") : null);
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.writeAll(
          GroupWriter.round(100, 3))).hasMessageContaining(refused.getFileName().toString())
          .hasMessageContaining("No space left on device");
    } finally {
      dev.skillwright.trajectories.AtomicFiles.injectFault(null);
    }
    assertThat(contents()).isEqualTo(before);
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(Files::isRegularFile)).hasSize(100);
    }
  }

  @Test
  void what_fails_while_a_group_is_forced_is_thrown_once_its_files_are_in_place()
      throws Exception {
    SkillFiles files = new SkillFiles(dir);
    files.writeAll(GroupWriter.round(100, 1));
    List<Skill> again = GroupWriter.round(100, 2);
    List<String> encoded = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.writeAll(again,
        (json, i) -> encoded.add(again.get(i).id() + "=" + new String(json,
            java.nio.charset.StandardCharsets.UTF_8)), () -> {
              throw new IllegalStateException("the index is gone");
            })).hasMessage("the index is gone");

    // every file is the new one, and what was encoded with each is its content
    for (Skill s : again) {
      String content = Files.readString(files.fileOf(s));
      assertThat(content).contains("in round 2");
      assertThat(encoded).contains(s.id() + "=" + content);
    }
    assertThat(encoded).hasSize(100);
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(Files::isRegularFile)).hasSize(100);
    }
  }

  @Test
  void a_group_write_writes_the_files_one_write_would() throws Exception {
    Path one = root.resolve("one");
    List<Skill> skills = GroupWriter.round(40, 1);
    skills.forEach(new SkillFiles(one)::write);

    new SkillFiles(dir).writeAll(skills);

    for (Skill s : skills) {
      assertThat(Files.readString(new SkillFiles(dir).fileOf(s)))
          .isEqualTo(Files.readString(new SkillFiles(one).fileOf(s)));
    }
    assertThat(new SkillFiles(dir).readAll(notices::add).values())
        .containsExactlyInAnyOrderElementsOf(skills);
  }

  static void deleteTree(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
