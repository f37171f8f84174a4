package dev.skillwright.app;

import picocli.CommandLine.Option;

/** {@code --max-steps}, with one default for every command that runs episodes. A mixin. */
final class StepLimit {
  /** Steps an episode may take before it stops, unless the user says otherwise. */
  static final int DEFAULT = 20;
  /** Steps a replay may add to its recording's, to heal what drifted. */
  static final int REPLAY_HEADROOM = 5;

  @Option(names = "--max-steps", defaultValue = "" + DEFAULT, paramLabel = "N",
      description = "Steps an episode may take before it stops (default: " + DEFAULT
          + "; a replay gets at least its recording's steps and " + REPLAY_HEADROOM + " more).")
  int maxSteps;

  void check() {
    CrawlCommand.positive("--max-steps", maxSteps, 500);
  }

  /** The limit of a replay whose longest recording has {@code recorded} steps. */
  int forReplay(int recorded) {
    return Math.max(maxSteps, recorded + REPLAY_HEADROOM);
  }
}
