package dev.skillwright.skills;

import dev.skillwright.trajectories.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * Keeps the derived Lucene index true to the skill files, when an index is opened: moves an
 * index of the older layout (its files directly in {@code skills/}, each skill only in it) to
 * {@code skills/index/} after writing its skills as files; checks the index's checksums; writes
 * back as files the skills only the index holds; re-indexes skills whose file changed; and
 * rebuilds a missing or damaged index from the files, keeping the damaged one aside. Nothing it
 * cannot read is ever deleted. An index whose write lock another process holds is that
 * process's to keep, and is left alone. Every repair is reported to {@code notices} in one line.
 */
final class SkillIndexCheck {
  private SkillIndexCheck() {}

  /**
   * Checks and repairs the index of the skills folder {@code dir}; with {@code force}, builds it
   * again from the files even when it is sound.
   *
   * @return how many skills the index holds afterwards, or -1 when it was left alone
   */
  static int reconcile(Path dir, Consumer<String> notices, boolean force) {
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    SkillFiles files = new SkillFiles(dir);
    try {
      migrate(dir, files, notices);
      return check(dir, files, notices, force);
    } catch (LockObtainFailedException e) {
      return -1; // a live writer holds it
    } catch (IOException | UncheckedIOException e) {
      notices.accept("cannot check the skill index in " + dir + ": " + firstLine(e)
          + "; using it as it is");
      return -1;
    }
  }

  private static int check(Path dir, SkillFiles files, Consumer<String> notices, boolean force)
      throws IOException {
    Path indexDir = dir.resolve(SkillFiles.INDEX);
    Map<String, Skill> onDisk = files.readAll(notices);
    String damage = null;
    boolean unsorted = false;
    Map<String, byte[]> indexed = Map.of();
    if (!hasIndexFiles(indexDir)) {
      if (onDisk.isEmpty()) {
        return 0;
      }
      damage = "missing";
    } else {
      try (Directory d = FSDirectory.open(indexDir)) {
        if (!DirectoryReader.indexExists(d)) {
          damage = "without a commit (its segments file is gone)";
        } else {
          try (CheckIndex ci = new CheckIndex(d)) { // takes the write lock: none is writing
            ci.setChecksumsOnly(true);
            CheckIndex.Status status = ci.checkIndex();
            if (!status.clean) {
              damage = "damaged (its checksums do not match)";
            }
          }
          if (damage == null) {
            indexed = stored(d);
            unsorted = !sorted(d);
          }
        }
      } catch (LockObtainFailedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        damage = "damaged (" + firstLine(e) + ")";
      }
    }
    if (damage != null) {
      String kept = setAside(indexDir, "damaged");
      build(indexDir, onDisk.values());
      notices.accept("the skill index in " + indexDir + " was " + damage + "; rebuilt it from "
          + onDisk.size() + " skill file" + (onDisk.size() == 1 ? "" : "s")
          + (kept == null ? "" : " (the old one is kept in " + kept + ")"));
      return onDisk.size();
    }
    // skills only the index holds (a file moved aside as unreadable, say) become files again
    int restored = 0;
    for (Map.Entry<String, byte[]> e : indexed.entrySet()) {
      if (!onDisk.containsKey(e.getKey())) {
        Skill s = Json.mapper().readValue(e.getValue(), Skill.class);
        files.write(s);
        onDisk.put(s.id(), s);
        restored++;
      }
    }
    // an index of the older order is built anew: every skill is re-indexed, stale or not
    if (unsorted && !force) {
      rebuildInPlace(indexDir, onDisk.values());
      notices.accept("the skill index in " + indexDir + " was of an older layout (not sorted "
          + "by site); rebuilt it from " + onDisk.size() + " skill file"
          + (onDisk.size() == 1 ? "" : "s") + (restored == 0 ? "" : " (" + restored
              + " of them written back from it first)"));
      return onDisk.size();
    }
    List<Skill> stale = new ArrayList<>();
    for (Skill s : onDisk.values()) {
      if (!Arrays.equals(SkillFiles.bytes(s), indexed.get(s.id()))) {
        stale.add(s);
      }
    }
    if (force) {
      // every skill the old index held is a file now: it may go
      Path fresh = dir.resolve(SkillFiles.INDEX + ".new-" + System.currentTimeMillis());
      build(fresh, onDisk.values());
      Path old = dir.resolve(SkillFiles.INDEX + ".old-" + System.currentTimeMillis());
      Files.move(indexDir, old);
      Files.move(fresh, indexDir);
      deleteTree(old);
    } else if (!stale.isEmpty()) {
      try (Directory d = FSDirectory.open(indexDir);
          IndexWriter w = new IndexWriter(d, config(IndexWriterConfig.OpenMode.APPEND))) {
        for (Skill s : stale) {
          w.updateDocument(new Term(LuceneSkillIndex.ID, s.id()), LuceneSkillIndex.toDocument(s));
        }
        w.commit();
      }
    }
    if (restored > 0 || !stale.isEmpty()) {
      notices.accept("the skill index in " + indexDir + " was behind its files: re-indexed "
          + stale.size() + " skill" + (stale.size() == 1 ? "" : "s") + ", wrote back "
          + restored + " file" + (restored == 1 ? "" : "s") + " only the index held");
    }
    return onDisk.size();
  }

  /**
   * The older layout kept the index's files directly in {@code skills/} and each skill only in
   * it: write every skill it holds as a file, then move its files to {@code skills/index/}.
   */
  private static void migrate(Path dir, SkillFiles files, Consumer<String> notices)
      throws IOException {
    List<Path> legacy;
    try (Stream<Path> s = Files.list(dir)) {
      legacy = s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("segments") || n.startsWith("pending_segments") || n.startsWith("_")
            || n.equals(IndexWriter.WRITE_LOCK_NAME);
      }).sorted().toList();
    }
    if (legacy.stream().noneMatch(p -> p.getFileName().toString().startsWith("segments"))) {
      return;
    }
    Map<String, byte[]> skills;
    try (Directory d = FSDirectory.open(dir)) {
      skills = stored(d);
    } catch (IOException | RuntimeException e) {
      notices.accept("the skill index of the older layout in " + dir + " cannot be read ("
          + firstLine(e) + "); it is left as it is");
      return;
    }
    int written = 0;
    for (byte[] json : skills.values()) {
      Skill s = Json.mapper().readValue(json, Skill.class);
      if (!Files.exists(files.fileOf(s))) {
        files.write(s);
        written++;
      }
    }
    Path target = dir.resolve(SkillFiles.INDEX);
    if (Files.exists(target)) {
      target = dir.resolve(SkillFiles.INDEX + ".legacy-" + System.currentTimeMillis());
    }
    Files.createDirectories(target);
    for (Path f : legacy) {
      Files.move(f, target.resolve(f.getFileName()));
    }
    notices.accept("moved the skill index of the older layout to " + dir.relativize(target)
        + " after writing its " + written + " skill" + (written == 1 ? "" : "s") + " as files");
  }

  /** True when every segment of the last commit is sorted as the index's writer sorts. */
  private static boolean sorted(Directory d) throws IOException {
    for (org.apache.lucene.index.SegmentCommitInfo si
        : org.apache.lucene.index.SegmentInfos.readLatestCommit(d)) {
      if (!LuceneSkillIndex.ORDER.equals(si.info.getIndexSort())) {
        return false;
      }
    }
    return true;
  }

  /** Every live document's id and stored JSON. */
  private static Map<String, byte[]> stored(Directory d) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : r.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields fields = leaf.reader().storedFields();
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live == null || live.get(i)) {
            var doc = fields.document(i);
            out.put(doc.get(LuceneSkillIndex.ID), LuceneSkillIndex.storedJson(doc));
          }
        }
      }
    }
    return out;
  }

  private static void build(Path indexDir, Collection<Skill> skills) throws IOException {
    Files.createDirectories(indexDir);
    try (Directory d = FSDirectory.open(indexDir);
        IndexWriter w = new IndexWriter(d, config(IndexWriterConfig.OpenMode.CREATE))) {
      for (Skill s : skills) {
        w.updateDocument(new Term(LuceneSkillIndex.ID, s.id()), LuceneSkillIndex.toDocument(s));
      }
      w.commit();
    }
  }

  /**
   * Builds the index in {@code indexDir} anew from {@code skills}, in the folder it is in and
   * holding its write lock throughout: a process that opens it meanwhile waits or reads the last
   * commit, and readers open on the old commit refresh onto the new one (its segments are named
   * after the old ones', never the same). Lucene drops the old segments at the commit.
   */
  private static void rebuildInPlace(Path indexDir, Collection<Skill> skills) throws IOException {
    try (Directory d = FSDirectory.open(indexDir);
        IndexWriter w = new IndexWriter(d, config(IndexWriterConfig.OpenMode.CREATE))) {
      for (Skill s : skills) {
        w.addDocument(LuceneSkillIndex.toDocument(s));
      }
      w.commit();
    }
  }

  private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    return LuceneSkillIndex.config(mode);
  }

  /** True when the folder holds anything but a write lock. */
  private static boolean hasIndexFiles(Path indexDir) throws IOException {
    if (!Files.isDirectory(indexDir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(indexDir)) {
      return s.anyMatch(p -> !p.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME));
    }
  }

  /** Renames the index folder aside (never deletes it); null when there was nothing to keep. */
  private static String setAside(Path indexDir, String why) throws IOException {
    if (!hasIndexFiles(indexDir)) {
      return null;
    }
    Path aside = indexDir.resolveSibling(SkillFiles.INDEX + "." + why + "-"
        + System.currentTimeMillis());
    Files.move(indexDir, aside);
    return aside.getFileName().toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass()
        .getSimpleName());
  }
}
