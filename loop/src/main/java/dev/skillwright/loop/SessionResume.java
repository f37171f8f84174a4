package dev.skillwright.loop;

import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a resumed session still has to do: the saved tasks whose episode has no trajectory yet,
 * with their start URLs moved to where the site runs now (a bundled site starts on a new port).
 */
final class SessionResume {
  private SessionResume() {}

  /** Episode ids are the session's last part and the task's number: {@code 7f3a-004}. */
  static String episodeId(String sessionId, int index) {
    return sessionId.substring(sessionId.lastIndexOf('-') + 1) + String.format("-%03d",
        index + 1);
  }

  /**
   * The indices of {@code tasks} with no readable trajectory in the session; {@code done} sees
   * each trajectory already there.
   */
  static List<Integer> pending(Store store, Store.SessionLog log, List<Task> tasks,
      Consumer<Trajectory> done) {
    String sessionId = log.dir().getFileName().toString();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Path f = log.episode(episodeId(sessionId, i)).dir().resolve(Store.TRAJECTORY_FILE);
      if (Files.exists(f)) {
        try {
          done.accept(store.readTrajectory(f));
          continue;
        } catch (BadInputException e) {
          // an unreadable record: the task runs again and writes a good one
        }
      }
      out.add(i);
    }
    return out;
  }

  /** The tasks with start URLs on {@code oldStart}'s origin moved to {@code newStart}'s. */
  static List<Task> rebase(List<Task> tasks, String oldStart, String newStart) {
    String from = origin(oldStart);
    String to = origin(newStart);
    if (from == null || to == null || from.equals(to)) {
      return tasks;
    }
    return tasks.stream().map(t -> t.startUrl().startsWith(from) ? new Task(t.id(), t.site(),
        t.instruction(), to + t.startUrl().substring(from.length()), t.success(), t.params())
        : t).toList();
  }

  private static String origin(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI u = URI.create(url);
      return u.getScheme() == null || u.getRawAuthority() == null ? null
          : u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
