package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task a user could do on a site: what to do, where to start, and how success shows.
 *
 * @param id stable identifier, unique within a session
 * @param site the site's name, such as {@code shop} or a host name
 * @param instruction the instruction as a user would give it; values appear in double quotes
 * @param startUrl where the episode starts
 * @param success how success shows on the final screen and in the answer
 * @param params the task's values by parameter name, each appearing in the instruction; policies
 *     never read them, distillation uses them to lift values into skill parameters
 */
public record Task(
    String id,
    String site,
    String instruction,
    String startUrl,
    SuccessSignal success,
    Map<String, String> params) {
  public Task {
    requireNonNull(id, "id");
    requireNonNull(site, "site");
    requireNonNull(instruction, "instruction");
    requireNonNull(startUrl, "startUrl");
    if (instruction.isBlank()) {
      throw new BadInputException("a task's instruction is empty");
    }
    success = success == null ? SuccessSignal.none() : success;
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }
}
