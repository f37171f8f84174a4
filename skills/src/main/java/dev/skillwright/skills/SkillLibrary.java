package dev.skillwright.skills;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one door to skills: learn from a judged trajectory, offer skills for a task, record a use,
 * say what is due for verification, apply a verification, heal. Which skills are one (dedup) and
 * what a merged skill keeps ({@link Distiller}) are decided here; the {@link SkillIndex} stores
 * and searches. Every change reads the skill as it is now and writes it back as one step, so a
 * heal made while another worker merges into the same skill keeps both. Thread-safe: searches
 * never wait for changes.
 */
public final class SkillLibrary implements AutoCloseable {
  private final SkillIndex index;
  /** Changes read, decide and write under it; searches and lookups do not take it. */
  private final ReentrantLock changing = new ReentrantLock();

  private SkillLibrary(SkillIndex index) {
    this.index = index;
  }

  /**
   * Opens the skills folder {@code dir} (see {@link SkillIndex#open(Path, Consumer)}). Skills
   * stored under the sentence-like names of before get names that read like functions
   * ({@link SkillNames}); their old ids keep finding them.
   */
  public static SkillLibrary open(Path dir, Consumer<String> notices) {
    SkillLibrary library = new SkillLibrary(SkillIndex.open(dir, notices));
    int renamed = library.renameOld();
    if (renamed > 0) {
      notices.accept(renamed + " skill" + (renamed == 1 ? "" : "s") + " renamed to names that "
          + "read like functions (add_to_cart); the old ids still find them");
    }
    return library;
  }

  /**
   * {@code s} under its {@link SkillNames} name when it has a name of the old kind, its old id
   * kept among its aliases; else {@code s}.
   */
  static Skill renamed(Skill s) {
    if (SkillNames.isApiName(s.name())) {
      return s;
    }
    String name = SkillNames.of(s.description(), s.steps());
    List<String> aliases = new java.util.ArrayList<>(s.aliases());
    aliases.add(s.id());
    return s.toBuilder().named(s.site() + ":" + name, name).aliases(aliases).build();
  }

  /** Renames the skills whose names are not of the {@link SkillNames} kind; how many. */
  private int renameOld() {
    List<Skill> old = index.list(null).stream()
        .filter(s -> !SkillNames.isApiName(s.name())).toList();
    int n = 0;
    for (Skill s : old) {
      Skill renamed = renamed(s);
      String newId = renamed.id();
      Optional<Skill> taken = index.get(newId).filter(t -> t.id().equals(newId));
      if (taken.isPresent() && taken.get().signature().equals(s.signature())
          && Distiller.readAlike(taken.get(), s)) {
        // the same skill under its new name already (a rename cut short): one skill
        renamed = Distiller.merge(taken.get(), renamed);
      } else if (taken.isPresent()) {
        renamed = Distiller.apart(renamed);
        String id = renamed.id();
        if (index.get(id).filter(t -> t.id().equals(id)).isPresent()) {
          continue; // both names taken: it keeps its old one
        }
      }
      index.rename(s.id(), renamed);
      n++;
    }
    if (n > 0) {
      index.commit();
    }
    return n;
  }

  /** A library over an index already open; closing the library closes it. */
  public static SkillLibrary over(SkillIndex index) {
    return new SkillLibrary(index);
  }

  /**
   * The store, for listings, lookups and searches. Changes go through the library's own methods,
   * which read, decide and write as one step; a change written to the index directly could be
   * lost under a concurrent merge.
   */
  public SkillIndex index() {
    return index;
  }

  /** What learning did: the skill as stored, and whether it is new or merged into a known one. */
  public record Learned(Skill skill, boolean isNew) {}

  /**
   * Distills a successful trajectory ({@link Distiller#distill(Trajectory, AriaSnapshot)}) and
   * adds the skill, merged into the known one it is; empty when there is nothing to learn.
   *
   * @param finalPage the page the episode ended on, or null
   */
  public Optional<Learned> learn(Trajectory trajectory, AriaSnapshot finalPage) {
    if (!trajectory.succeeded()) {
      return Optional.empty();
    }
    return Distiller.distill(trajectory, finalPage).map(this::add);
  }

  /**
   * Adds a skill, or merges it into a known skill that does the same thing, keeping the examples,
   * provenance, statistics and verifications of both: the skill with the same id; else one of the
   * same site with the same steps; else one whose description is alike and whose parameters and
   * steps are the same ({@link SkillIndex#likelySame}). A known skill with other steps and no promise
   * in common is another skill: it stays apart, under an id of its own when the name is taken.
   */
  public Learned add(Skill incoming) {
    // a skill of another library may still have a name of the old kind
    Skill skill = renamed(incoming);
    changing.lock();
    try {
      Skill found = skill;
      Optional<Skill> known = index.likelySame(skill);
      // the same steps reading other values ("the price", "the rating") are other skills
      if (known.isPresent() && (!Distiller.readAlike(known.get(), found)
          || !known.get().signature().equals(found.signature())
          && !Distiller.agree(known.get(), found))) {
        found = known.get().id().equals(found.id()) ? Distiller.apart(skill) : skill;
        String id = found.id();
        known = index.get(id).filter(s -> s.id().equals(id));
      }
      String wanted = found.id();
      if (known.isEmpty() && index.get(wanted).filter(s -> s.id().equals(wanted)).isPresent()) {
        // its name is another skill's: a name of its own (found again under it next time)
        found = Distiller.apart(found);
        String id = found.id();
        known = index.get(id).filter(s -> s.id().equals(id));
      }
      Skill add = found;
      Skill stored = known.map(k -> Distiller.merge(k, add)).orElse(found);
      index.put(stored);
      return new Learned(stored, known.isEmpty());
    } finally {
      changing.unlock();
    }
  }

  /** The verified skills of {@code site} best for {@code task}, best first, at most {@code k}. */
  public List<Skill> offer(String site, String task, int k) {
    return index.search(task, SkillIndex.Filter.offered(site), k).stream()
        .map(SkillIndex.Hit::skill).toList();
  }

  /** The skill an agent may call by this id or name: a verified one. */
  public Optional<Skill> callable(String idOrName) {
    return index.get(idOrName).filter(Skill::offered);
  }

  /** Records one use of skill {@code id} by an episode; the skill as it is now. */
  public Optional<Skill> recordUse(String id, boolean ok, String reason, String episode,
      Instant at) {
    return change(id, s -> s.ran(ok, reason, episode, at));
  }

  /**
   * Whether {@code skill} should be verified (again) now: it is not verified yet, or its runs
   * keep failing lately.
   */
  public static boolean dueForVerification(Skill skill) {
    return !skill.offered() || skill.health().failingLately();
  }

  /** Records a verification round on skill {@code id} (see {@link Skill#verified(List)}). */
  public Optional<Skill> applyVerification(String id, List<Skill.Verification> round) {
    return change(id, s -> s.verified(round));
  }

  /**
   * Gives skill {@code id} the steps a healed replay with {@code args} took, on the skill as it
   * is now: what others wrote meanwhile (merges, uses) stays. Empty when the skill is gone.
   */
  public Optional<Skill> heal(String id, List<Action> steps, Map<String, String> args,
      Skill.Provenance by) {
    return change(id, s -> Distiller.heal(s, steps, args, by));
  }

  /** Changes skill {@code id} as one step: read as it is now, changed, written. */
  private Optional<Skill> change(String id, UnaryOperator<Skill> how) {
    changing.lock();
    try {
      return index.update(id, how);
    } finally {
      changing.unlock();
    }
  }

  /**
   * Makes the changes so far durable and lets another process write the library until this one
   * writes again ({@link SkillIndex#release}).
   */
  public void release() {
    index.release();
  }

  /** Makes the changes so far durable in the index; call once per episode. */
  public void commit() {
    index.commit();
  }

  @Override
  public void close() {
    index.close();
  }
}
