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
    List<Provenance> provenance) {

  public static final int SCHEMA_VERSION = 1;

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
  }
}
