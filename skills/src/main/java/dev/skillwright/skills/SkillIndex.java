package dev.skillwright.skills;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where skills are stored and searched: files as the source of truth and a Lucene index over
 * them. Learning, merging, verifying and healing go through the {@link SkillLibrary}, which
 * writes here. Thread-safe; close it to release the index.
 */
public interface SkillIndex extends AutoCloseable {

  /** A search result: the skill and its relevance score. */
  record Hit(Skill skill, float score) {}

  /** Which skills a search may return: of one site (null for all), verified ones only or all. */
  record Filter(String site, boolean verifiedOnly) {
    public static Filter all(String site) {
      return new Filter(site, false);
    }

    /** The skills an agent may be offered. */
    public static Filter offered(String site) {
      return new Filter(site, true);
    }
  }

  /**
   * The stored skill {@code skill} most likely is: the one with its id, when it has the same
   * description or steps (short names of two skills may be alike); else one of the same
   * site with the same step signature; else one of the same site whose description Lucene's
   * MoreLikeThis finds similar, that shares most of its words and has the same parameters and
   * steps up to lifted values. Whether they are one is the {@link SkillLibrary}'s call.
   */
  Optional<Skill> likelySame(Skill skill);

  /**
   * Adds many skills as they are, with no merging, in one commit: for imports and benchmarks.
   */
  void addAll(java.util.Collection<Skill> skills);

  /**
   * Stores {@code skill} as it is, replacing the skill with the same id (a healed skill, say).
   * The change is committed before this returns.
   */
  void put(Skill skill);

  /**
   * Changes the stored skill {@code id} as one step, so concurrent updates (runs recorded by two
   * workers) are not lost.
   *
   * @return the skill as changed, or empty when there is no skill {@code id}
   */
  Optional<Skill> update(String id, java.util.function.UnaryOperator<Skill> change);

  /**
   * Stores {@code renamed} in place of the skill {@code oldId}: its file and its document go
   * under the new id, the old ones are removed. The new file is written before the old one goes,
   * so a crash between them leaves the skill twice, never not at all.
   */
  void rename(String oldId, Skill renamed);

  /**
   * Commits and lets go of the index's write lock, so another process may write; the next write
   * here takes it again. For a long-lived server that writes now and then.
   */
  void release();

  /**
   * The skill with this id ({@code site:name}), or else with this id among its former ones, or
   * else the first with this name.
   */
  Optional<Skill> get(String idOrName);

  /** Every skill, of one site or of all when {@code site} is null, sorted by id. */
  List<Skill> list(String site);

  /** The {@code k} best skills for a free-text query, best first; {@code site} null for all. */
  default List<Hit> search(String query, String site, int k) {
    return search(query, Filter.all(site), k);
  }

  /**
   * The {@code k} best skills for a free-text query that pass {@code filter}, best first. The
   * score is BM25 over name, description and examples, weighted by the skill's success rate.
   */
  List<Hit> search(String query, Filter filter, int k);

  int size();

  /**
   * Makes the writes so far durable in the index (the skill files already are). Call once per
   * episode rather than per write; closing commits too. Does nothing when nothing changed.
   */
  void commit();

  @Override
  void close();

  /**
   * Opens, or creates on first write, the skills folder {@code dir}: each skill a file
   * {@code <site>/<skill>.json} (the source of truth), the Lucene index derived in
   * {@code index/}. The index is checked on open and rebuilt from the files when it is missing
   * or damaged; an index of the older layout (directly in {@code dir}) is moved there after its
   * skills are written as files. Each repair is reported on standard error in one line.
   */
  static SkillIndex open(Path dir) {
    return open(dir, n -> System.err.println("skillwright: " + n));
  }

  /** As {@link #open(Path)}, reporting repairs to {@code notices}. */
  static SkillIndex open(Path dir, java.util.function.Consumer<String> notices) {
    return new LuceneSkillIndex(dir, notices);
  }

  /**
   * Copies the skills of the folder {@code from} (read from their files; its index is not
   * touched) into the folder {@code to}, indexed there.
   *
   * @return how many skills were copied
   */
  static int copy(Path from, Path to, java.util.function.Consumer<String> notices) {
    java.util.Collection<Skill> all = read(from, notices);
    try (SkillIndex index = open(to, notices)) {
      index.addAll(all);
      index.commit();
    }
    return all.size();
  }

  /**
   * The skills of the folder {@code dir} as its files hold them, sorted by id; its index is not
   * opened. A file that cannot be read is set aside and reported to {@code notices}, as on open.
   */
  static List<Skill> read(Path dir, java.util.function.Consumer<String> notices) {
    return List.copyOf(new SkillFiles(dir).readAll(notices).values());
  }

  /**
   * Builds the index of {@code dir} again from its skill files (after writing back as files the
   * skills only the index holds).
   *
   * @return how many skills it holds, or -1 when another process is writing it
   */
  static int reindex(Path dir, java.util.function.Consumer<String> notices) {
    return SkillIndexCheck.reconcile(dir, notices, true);
  }
}
