package dev.skillwright.loop;

import dev.skillwright.trajectories.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a session's events to its {@code events.jsonl}, one JSON object a line (the dashboard
 * tails it): the types and fields the log has always had.
 */
final class EventLog implements SessionListener {
  private final Store.SessionLog log;

  EventLog(Store.SessionLog log) {
    this.log = log;
  }

  @Override
  public void on(SessionEvent event) {
    if (event instanceof SessionEvent.Started s) {
      log.event(s.resumed() ? "session_resumed" : "session_started", s.resumed()
          ? Map.of("session", s.session()) : Map.of("session", s.session(), "site", s.site()));
    } else if (event instanceof SessionEvent.PhaseStarted p) {
      log.event("phase_started", Map.of("phase", p.phase()));
    } else if (event instanceof SessionEvent.PhaseEnded p) {
      log.event("phase_ended", Map.of("phase", p.phase(), "seconds",
          Math.round(p.seconds() * 10) / 10.0));
    } else if (event instanceof SessionEvent.TasksReady r) {
      log.event("tasks_proposed", Map.of("count", r.count()));
    } else if (event instanceof SessionEvent.ScopeBlocked b) {
      log.event("scope_blocked", Map.of("phase", b.phase(), "kind", b.kind(), "url", b.url()));
    } else if (event instanceof SessionEvent.EpisodeStarted e) {
      log.event("episode_started", Map.of("episode", e.episode(), "task",
          e.task().instruction()));
    } else if (event instanceof SessionEvent.SkillUsed u) {
      log.event("skill_used", Map.of("skill", u.skill(), "episode", u.episode(), "ok", u.ok(),
          "reason", String.valueOf(u.reason())));
    } else if (event instanceof SessionEvent.SkillLearned l) {
      log.event(l.isNew() ? "skill_added" : "skill_merged", Map.of("skill", l.skill().id(),
          "episode", l.episode()));
    } else if (event instanceof SessionEvent.VerificationTried v) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("skill", v.skill());
      if (v.episode() != null) {
        f.put("episode", v.episode());
      }
      f.put("reason", String.valueOf(v.reason()));
      log.event(v.passed() ? "skill_verified" : "skill_unverified", f);
    } else if (event instanceof SessionEvent.EpisodeFinished f) {
      log.event("episode_finished", Map.of("episode", f.trajectory().episodeId(), "success",
          f.trajectory().succeeded(), "steps", f.trajectory().steps().size(), "done", f.done(),
          "total", f.total(), "reason", f.trajectory().verdict().reason()));
    } else if (event instanceof SessionEvent.BrowserRelaunched b) {
      log.event("browser_relaunched", Map.of("after", b.after()));
    } else if (event instanceof SessionEvent.Finished f) {
      log.event("session_finished", Map.of("succeeded", f.counters().succeeded(), "episodes",
          f.counters().done(), "skillsAdded", f.counters().skillsAdded()));
    } else if (event instanceof SessionEvent.Failed f) {
      log.event("session_failed", Map.of("error", String.valueOf(f.error())));
    }
  }
}
