package dev.skillwright.loop;

/** Hears a session's events; called on the thread that made each one, so thread-safe. */
@FunctionalInterface
public interface SessionListener {
  void on(SessionEvent event);
}
