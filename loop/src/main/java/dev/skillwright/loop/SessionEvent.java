package dev.skillwright.loop;

import dev.skillwright.skills.Skill;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.util.List;

/**
 * What happens in a session, as it happens. Listeners ({@link SessionListener}) turn events into
 * console progress, {@code events.jsonl} and counters; events are published on the thread that
 * made them (an episode's worker), so listeners are thread-safe.
 */
public sealed interface SessionEvent {

  /**
   * A session began, or a stopped one goes on; {@code before} counts what it had done before it
   * stopped (nothing for a new one).
   */
  record Started(String session, String site, boolean resumed, SessionCounters.Snapshot before)
      implements SessionEvent {}

  /** Something said to the user on the way ("Chromium: /usr/bin/chromium (PATH)"). */
  record Progress(String text) implements SessionEvent {}

  /**
   * A phase of the session began: {@code context crawl}, {@code exploring}, {@code proposing} or
   * {@code episodes}; {@code text} says so to the user, or is null.
   */
  record PhaseStarted(String phase, String text) implements SessionEvent {}

  /** A phase ended after {@code seconds}; {@code text} says what it did. */
  record PhaseEnded(String phase, double seconds, String text) implements SessionEvent {}

  /** Something the user should know that changes nothing (a fallback, a skipped file). */
  record Notice(String text) implements SessionEvent {}

  /** The tasks are known; {@code workers} run them. */
  record TasksReady(int count, int workers) implements SessionEvent {}

  /** A request out of the scope was blocked while the session read the site. */
  record ScopeBlocked(String phase, String kind, String url) implements SessionEvent {}

  record EpisodeStarted(String episode, Task task) implements SessionEvent {}

  /** An agent called a skill; {@code ok} whether it did what it promises. */
  record SkillUsed(String skill, String episode, boolean ok, String reason)
      implements SessionEvent {}

  /** A successful episode became a skill, new or merged into a known one. */
  record SkillLearned(Skill skill, boolean isNew, String episode) implements SessionEvent {}

  /**
   * One try of a skill's verification; {@code episode} is null when it could not run at all.
   */
  record VerificationTried(String skill, String episode, boolean passed, String reason)
      implements SessionEvent {}

  /** A skill's verification round ended after {@code seconds}: the skill as recorded. */
  record SkillVerified(Skill skill, String episode, double seconds) implements SessionEvent {}

  /**
   * An episode was judged and written; {@code done} of {@code total} are finished.
   *
   * @param notes what the episode did to the library, for the progress line
   *     ({@code +skill shop:open-item (verified)})
   */
  record EpisodeFinished(int done, int total, Task task, Trajectory trajectory,
      List<String> notes) implements SessionEvent {}

  /** Chromium stopped; a new one runs the next episode. */
  record BrowserRelaunched(int after, String why) implements SessionEvent {}

  record Finished(SessionCounters.Snapshot counters) implements SessionEvent {}

  record Failed(String error) implements SessionEvent {}
}
