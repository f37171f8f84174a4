package dev.skillwright.dashboard;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard reads: sessions, their episodes and the skills, straight from the data
 * directory on every request, so a running crawl shows as it goes. Files that cannot be read
 * are left out rather than failing the page.
 */
final class DataView {
  private final Store store;
  private final SkillIndex index;

  /** An episode with where its files are. */
  record Episode(Trajectory trajectory, Path dir) {}

  DataView(Store store, SkillIndex index) {
    this.store = store;
    this.index = index;
  }

  List<SessionRecord> sessions() {
    List<SessionRecord> out = new ArrayList<>();
    for (Path dir : dirs(store.sessionsDir())) {
      Path f = dir.resolve(Store.SESSION_FILE);
      try {
        out.add(store.readSession(f));
      } catch (BadInputException e) {
        // a session being created, or a damaged one: not shown
      }
    }
    out.sort(Comparator.comparing(SessionRecord::id).reversed());
    return out;
  }

  Optional<SessionRecord> session(String id) {
    Path f = store.sessionsDir().resolve(id).resolve(Store.SESSION_FILE);
    if (!id.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(store.readSession(f));
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  List<Episode> episodes(String sessionId) {
    return read(sessionId, "episodes");
  }

  /** The session's skill verifications: episodes that re-ran a skill with new values. */
  List<Episode> verifications(String sessionId) {
    return read(sessionId, "verifications");
  }

  private List<Episode> read(String sessionId, String kind) {
    List<Episode> out = new ArrayList<>();
    for (Path dir : dirs(store.sessionsDir().resolve(sessionId).resolve(kind))) {
      read(dir).ifPresent(out::add);
    }
    return out;
  }

  /** Whether an episode re-ran a skill to verify it (rather than doing a task). */
  static boolean isVerification(Episode e) {
    return e.dir().getParent() != null
        && e.dir().getParent().getFileName().toString().equals("verifications");
  }

  /** Every episode of every session, oldest first. */
  List<Episode> allEpisodes() {
    List<Episode> out = new ArrayList<>();
    for (SessionRecord s : sessions()) {
      out.addAll(episodes(s.id()));
    }
    out.sort(Comparator.comparing((Episode e) -> String.valueOf(e.trajectory().startedAt())));
    return out;
  }

  Optional<Episode> episode(String id) {
    return store.findEpisode(id).flatMap(f -> read(f.getParent()));
  }

  private Optional<Episode> read(Path dir) {
    Path f = dir.resolve(Store.TRAJECTORY_FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Episode(store.readTrajectory(f), dir));
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  List<Skill> skills(String site) {
    return index.list(site);
  }

  List<SkillIndex.Hit> search(String q, String site, int k) {
    return index.search(q, site, k);
  }

  Optional<Skill> skill(String id) {
    return index.get(id);
  }

  Path root() {
    return store.root();
  }

  private static List<Path> dirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }
}
