package dev.skillwright.skills;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SuccessSignal;
import java.time.Instant;
import java.util.List;

/**
 * A reusable, parameterized program distilled from successful episodes. Its steps are actions
 * whose texts and element names may hold {@code {param}} placeholders; binding arguments fills
 * them in. Immutable.
 *
 * @param id {@code site:name}, stable across sessions, so the same skill found twice merges
 * @param name a slug such as {@code search-for-query-then-open-item}
 * @param description the instruction with placeholders: {@code Search for {query}, then open
 *     {item}}
 * @param startUrlPattern a glob of the URL the skill starts from
 * @param examples concrete instructions it was distilled from, newest last
 * @param status whether it may be offered to an agent: only a verified skill is
 * @param health how its runs have gone
 * @param verifications its re-executions with new values, newest last (the last ten)
 * @param sideEffect what running it does to the site (reads, writes, destructive); a skill stored
 *     before the label existed gets it from its steps
 * @param reads where and how it reads the value it answers with, for a skill distilled from a
 *     question; null for one that only acts
 * @param aliases the ids it was known by before (a skill renamed keeps answering to them)
 */
@JsonPropertyOrder({"schemaVersion", "id"})
public record Skill(
    int schemaVersion,
    String id,
    String name,
    String site,
    String description,
    List<Parameter> parameters,
    List<Action> steps,
    String startUrlPattern,
    SuccessSignal success,
    List<String> examples,
    List<Provenance> provenance,
    Status status,
    Health health,
    List<Verification> verifications,
    SideEffect sideEffect,
    Reading reads,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<String> aliases) {

  public static final int SCHEMA_VERSION = 1;
  private static final int KEEP = 10;

  /**
   * A candidate was distilled but not (or not yet) re-executed with success; a verified skill
   * passed its last verification; a demoted one failed its runs and then its re-verification.
   * Only verified skills are offered to agents.
   */
  public enum Status {
    CANDIDATE,
    VERIFIED,
    DEMOTED
  }

  /** One re-execution of the skill with {@code args}, in a fresh browser context. */
  public record Verification(Instant at, java.util.Map<String, String> args, boolean passed,
      String reason, String episode) {}

  /** A run that failed: when, why, and in which episode. */
  public record Failure(Instant at, String reason, String episode) {}

  /**
   * How a skill's uses went: executions, successes, the failures in a row just now, when it was
   * last verified, and its last failures with their reasons.
   */
  public record Health(int executions, int successes, int failingStreak, Instant lastVerified,
      List<Failure> failures) {
    public static final Health NONE = new Health(0, 0, 0, null, List.of());

    public Health {
      failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** The success rate with one success and one failure assumed, so a new skill is at 0.5. */
    public double successRate() {
      return (successes + 1.0) / (executions + 2.0);
    }

    /** How its uses went, in words every view shows alike: "used 5 times, 4 succeeded". */
    public String describe() {
      return executions == 0 ? "not used yet" : String.format(java.util.Locale.ROOT,
          "used %d time%s, %d succeeded", executions, executions == 1 ? "" : "s", successes);
    }

    /** True when the last two runs or more failed: time to verify it again. */
    public boolean failingLately() {
      return failingStreak >= 2;
    }

    Health ran(boolean ok, String reason, String episode, Instant at) {
      List<Failure> f = new java.util.ArrayList<>(failures);
      if (!ok) {
        f.add(new Failure(at, reason, episode));
      }
      return new Health(executions + 1, successes + (ok ? 1 : 0), ok ? 0 : failingStreak + 1,
          lastVerified, last(f));
    }
  }

  /** A skill that reads nothing and was never renamed. */
  public Skill(int schemaVersion, String id, String name, String site, String description,
      List<Parameter> parameters, List<Action> steps, String startUrlPattern,
      SuccessSignal success, List<String> examples, List<Provenance> provenance, Status status,
      Health health, List<Verification> verifications, SideEffect sideEffect) {
    this(schemaVersion, id, name, site, description, parameters, steps, startUrlPattern, success,
        examples, provenance, status, health, verifications, sideEffect, null, List.of());
  }

  /** A skill with its side effect judged from its steps. */
  public Skill(int schemaVersion, String id, String name, String site, String description,
      List<Parameter> parameters, List<Action> steps, String startUrlPattern,
      SuccessSignal success, List<String> examples, List<Provenance> provenance, Status status,
      Health health, List<Verification> verifications) {
    this(schemaVersion, id, name, site, description, parameters, steps, startUrlPattern, success,
        examples, provenance, status, health, verifications, null);
  }

  /** A skill as first distilled: a candidate with no runs. */
  public Skill(int schemaVersion, String id, String name, String site, String description,
      List<Parameter> parameters, List<Action> steps, String startUrlPattern,
      SuccessSignal success, List<String> examples, List<Provenance> provenance) {
    this(schemaVersion, id, name, site, description, parameters, steps, startUrlPattern, success,
        examples, provenance, Status.CANDIDATE, Health.NONE, List.of());
  }

  /** A value the caller supplies, with the values it has been seen with. */
  public record Parameter(String name, String type, List<String> examples) {
    public Parameter {
      requireNonNull(name, "name");
      type = type == null ? "string" : type;
      examples = examples == null ? List.of() : List.copyOf(examples);
    }
  }

  /** Where a skill came from: one successful episode. */
  public record Provenance(String sessionId, String episodeId, Instant at) {}

  public Skill {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(site, "site");
    requireNonNull(description, "description");
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    steps = steps == null ? List.of() : List.copyOf(steps);
    success = success == null ? SuccessSignal.none() : success;
    examples = examples == null ? List.of() : List.copyOf(examples);
    provenance = provenance == null ? List.of() : List.copyOf(provenance);
    status = status == null ? Status.CANDIDATE : status;
    health = health == null ? Health.NONE : health;
    verifications = verifications == null ? List.of() : List.copyOf(verifications);
    sideEffect = sideEffect == null ? SideEffect.of(steps) : sideEffect;
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** Whether {@code idOrName} names this skill: its id, its name, or an id it had before. */
  public boolean answersTo(String idOrName) {
    return id.equals(idOrName) || name.equals(idOrName) || aliases.contains(idOrName);
  }

  /**
   * Its status and the verifications behind it, in words every view shows alike:
   * "verified: 2 of 2 verifications passed".
   */
  public String describeStatus() {
    String word = status.name().toLowerCase(java.util.Locale.ROOT);
    if (verifications.isEmpty()) {
      return word + ": not verified yet";
    }
    long passed = verifications.stream().filter(Verification::passed).count();
    Verification last = verifications.get(verifications.size() - 1);
    return word + ": " + passed + " of " + verifications.size() + " verification"
        + (verifications.size() == 1 ? "" : "s") + " passed"
        + (last.passed() ? "" : "; the last failed: " + last.reason());
  }

  /** Whether agents are offered this skill. */
  public boolean offered() {
    return status == Status.VERIFIED;
  }

  /**
   * What the skill does, as the kinds, roles and names of its steps and the values they type or
   * choose, placeholders as they are: two skills with the same signature on one site do the same
   * thing.
   */
  public String signature() {
    StringBuilder sb = new StringBuilder();
    for (Action a : steps) {
      sb.append(sb.length() == 0 ? "" : " > ").append(a.getClass().getSimpleName()
          .toLowerCase(java.util.Locale.ROOT));
      if (a.target() != null) {
        sb.append(':').append(a.target().role()).append(':').append(a.target().name()
            .toLowerCase(java.util.Locale.ROOT));
      }
      if (a instanceof Action.UseSkill u) {
        sb.append(':').append(u.name()).append(u.args());
      } else if (a instanceof Action.Fill f) {
        sb.append('=').append(f.text());
      } else if (a instanceof Action.Select s) {
        sb.append('=').append(s.option());
      } else if (a instanceof Action.Press p) {
        sb.append('=').append(p.key());
      } else if (a instanceof Action.Check c) {
        // checking and unchecking the same box are two tasks
        sb.append('=').append(c.checked());
      }
    }
    return sb.toString();
  }

  /** The same skill with other steps (healed, or from a run that verified when these did not). */
  public Skill withSteps(List<Action> newSteps) {
    return toBuilder().steps(newSteps).build();
  }

  public Skill withStatus(Status newStatus) {
    return toBuilder().status(newStatus).build();
  }

  /** A builder of a new candidate skill: no steps, examples or runs until set. */
  public static Builder builder(String id, String name, String site, String description) {
    return new Builder(id, name, site, description);
  }

  /** A builder holding everything this skill holds. */
  public Builder toBuilder() {
    Builder b = new Builder(id, name, site, description);
    b.schemaVersion = schemaVersion;
    b.parameters = parameters;
    b.steps = steps;
    b.startUrlPattern = startUrlPattern;
    b.success = success;
    b.examples = examples;
    b.provenance = provenance;
    b.status = status;
    b.health = health;
    b.verifications = verifications;
    b.sideEffect = sideEffect;
    b.reads = reads;
    b.aliases = aliases;
    return b;
  }

  /**
   * Builds a skill: a new one is a candidate with no runs, its side effect judged from its steps.
   */
  public static final class Builder {
    private int schemaVersion = SCHEMA_VERSION;
    private String id;
    private String name;
    private final String site;
    private String description;
    private List<Parameter> parameters = List.of();
    private List<Action> steps = List.of();
    private String startUrlPattern;
    private SuccessSignal success = SuccessSignal.none();
    private List<String> examples = List.of();
    private List<Provenance> provenance = List.of();
    private Status status = Status.CANDIDATE;
    private Health health = Health.NONE;
    private List<Verification> verifications = List.of();
    private SideEffect sideEffect;
    private Reading reads;
    private List<String> aliases = List.of();

    private Builder(String id, String name, String site, String description) {
      this.id = id;
      this.name = name;
      this.site = site;
      this.description = description;
    }

    /** Another id and name (a skill kept apart from one of the same name). */
    public Builder named(String newId, String newName) {
      this.id = newId;
      this.name = newName;
      return this;
    }

    public Builder description(String d) {
      this.description = d;
      return this;
    }

    public Builder parameters(List<Parameter> p) {
      this.parameters = p;
      return this;
    }

    /** The steps; the side effect is judged from them again. */
    public Builder steps(List<Action> s) {
      this.steps = s;
      this.sideEffect = null;
      return this;
    }

    /** Where it starts: a URL glob (a star for any origin, then the path). */
    public Builder startUrlPattern(String glob) {
      this.startUrlPattern = glob;
      return this;
    }

    public Builder success(SuccessSignal s) {
      this.success = s;
      return this;
    }

    public Builder examples(List<String> e) {
      this.examples = e;
      return this;
    }

    public Builder provenance(List<Provenance> p) {
      this.provenance = p;
      return this;
    }

    public Builder status(Status s) {
      this.status = s;
      return this;
    }

    public Builder health(Health h) {
      this.health = h;
      return this;
    }

    public Builder verifications(List<Verification> v) {
      this.verifications = v;
      return this;
    }

    /** Where the value it answers with is read; null when it only acts. */
    public Builder reads(Reading r) {
      this.reads = r;
      return this;
    }

    /** The ids it was known by before. */
    public Builder aliases(List<String> a) {
      this.aliases = a;
      return this;
    }

    public Skill build() {
      return new Skill(schemaVersion, id, name, site, description, parameters, steps,
          startUrlPattern, success, examples, provenance, status, health, verifications,
          sideEffect, reads, aliases);
    }
  }

  /**
   * Records a verification. Passing makes the skill verified. Failing leaves a candidate a
   * candidate, and demotes a skill that was verified.
   */
  public Skill verified(Verification v) {
    return verified(List.of(v));
  }

  /**
   * Records a round of verification: tries with different values. A clear majority of passing
   * tries makes the skill verified; otherwise a candidate stays a candidate, and a skill that was
   * verified is demoted.
   */
  public Skill verified(List<Verification> round) {
    if (round.isEmpty()) {
      return this;
    }
    List<Verification> all = new java.util.ArrayList<>(verifications);
    all.addAll(round);
    long passing = round.stream().filter(Verification::passed).count();
    boolean passed = passing * 2 > round.size();
    Status next = passed ? Status.VERIFIED
        : status == Status.CANDIDATE ? Status.CANDIDATE : Status.DEMOTED;
    Health h = new Health(health.executions(), health.successes(),
        passed ? 0 : health.failingStreak(),
        passed ? round.get(round.size() - 1).at() : health.lastVerified(), health.failures());
    return toBuilder().status(next).health(h).verifications(last(all)).build();
  }

  /** Records one use of the skill by an agent, and how it went. */
  public Skill ran(boolean ok, String reason, String episode, Instant at) {
    return toBuilder().health(health.ran(ok, reason, episode, at)).build();
  }

  private static <T> List<T> last(List<T> list) {
    return List.copyOf(list.subList(Math.max(0, list.size() - KEEP), list.size()));
  }
}
