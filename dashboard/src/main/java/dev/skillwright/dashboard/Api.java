package dev.skillwright.dashboard;

import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON API under {@code /api}, which the pages' scripts use. */
final class Api {
  private final DataView data;

  Api(DataView data) {
    this.data = data;
  }

  /** The answer for {@code /api/<parts>}, or empty for a 404. */
  Optional<Object> handle(List<String> parts, Map<String, String> query) {
    String what = parts.isEmpty() ? "" : parts.get(0);
    switch (what) {
      case "sessions" -> {
        if (parts.size() == 1) {
          return Optional.of(data.sessions());
        }
        return parts.size() == 2 ? data.session(parts.get(1)).map(this::session)
            : Optional.empty();
      }
      case "skills" -> {
        if (parts.size() == 1) {
          return Optional.of(skills(query));
        }
        return parts.size() == 2 ? data.skill(parts.get(1)).map(s -> (Object) s)
            : Optional.empty();
      }
      case "episodes" -> {
        return parts.size() == 2 ? data.episode(parts.get(1)).map(this::episode)
            : Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private Object session(SessionRecord s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("session", s);
    out.put("episodes", data.episodes(s.id()).stream().map(e -> Map.of(
        "id", e.trajectory().episodeId(),
        "task", e.trajectory().task().instruction(),
        "status", e.trajectory().status(),
        "success", e.trajectory().succeeded(),
        "steps", e.trajectory().steps().size())).toList());
    return out;
  }

  private Object skills(Map<String, String> q) {
    String site = q.getOrDefault("site", "").isBlank() ? null : q.get("site");
    String text = q.getOrDefault("q", "").strip();
    if (text.isEmpty()) {
      return data.skills(site);
    }
    return data.search(text, site, 50).stream().map(SkillIndex.Hit::skill).toList();
  }

  /** {@code s} as one word of a POSIX shell command line. */
  static String shellQuoted(String s) {
    return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private Object episode(DataView.Episode e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trajectory", e.trajectory());
    String rel = data.root().relativize(e.dir().toAbsolutePath().normalize()).toString()
        .replace('\\', '/');
    out.put("files", "/files/" + rel + "/");
    Path trace = e.dir().resolve("trace.zip");
    boolean traced = Files.exists(trace);
    out.put("trace", traced ? trace.toString() : null);
    // to download it, and the command that opens it in Playwright's trace viewer
    out.put("traceUrl", traced ? "/files/" + rel + "/trace.zip" : null);
    out.put("traceCommand", traced ? "npx playwright show-trace " + shellQuoted(trace.toString())
        : null);
    return out;
  }
}
