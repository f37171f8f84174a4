package dev.skillwright.skills;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The searchable library of skills. Thread-safe; close it to release the index.
 */
public interface SkillIndex extends AutoCloseable {

  /** A search result: the skill and its relevance score. */
  record Hit(Skill skill, float score) {}

  /**
   * Adds a skill, or merges it into the known skill with the same id (keeping examples and
   * provenance of both). The change is committed before this returns.
   *
   * @return true if the skill is new, false if it merged
   */
  boolean add(Skill skill);

  /**
   * Stores {@code skill} as it is, replacing the skill with the same id (a healed skill, say).
   * The change is committed before this returns.
   */
  void put(Skill skill);

  /** The skill with this id ({@code site:name}) or, failing that, the first with this name. */
  Optional<Skill> get(String idOrName);

  /** Every skill, of one site or of all when {@code site} is null, sorted by id. */
  List<Skill> list(String site);

  /** The {@code k} best skills for a free-text query, best first; {@code site} null for all. */
  List<Hit> search(String query, String site, int k);

  int size();

  @Override
  void close();

  /** Opens, or creates on first write, the Lucene index in {@code dir}. */
  static SkillIndex open(Path dir) {
    return new LuceneSkillIndex(dir);
  }
}
