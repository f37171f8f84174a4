package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

/**
 * One recorded step: where the agent was, what it saw (as files beside the trajectory), what it
 * thought and did, and how that went.
 *
 * @param index 0-based position in the trajectory
 * @param url the page's URL when the step was decided
 * @param title the page's title then
 * @param snapshotFile the aria snapshot's file name, relative to the episode folder
 * @param screenshotFile the screenshot's file name, relative to the episode folder
 * @param thought the policy's reasoning, one or two sentences
 * @param action what it did, with durable locators once executed
 * @param ok whether the action ran without error
 * @param error what went wrong, or null
 * @param millis how long executing the action took
 * @param box where the acted-on element was on the screenshot, or null
 * @param matchedBy how the element was found: {@code ref}, or a locator strategy on replay
 * @param skill the skill call this step carried out, or null for a step of the policy's own
 */
public record Step(
    int index,
    String url,
    String title,
    String snapshotFile,
    String screenshotFile,
    String thought,
    Action action,
    boolean ok,
    String error,
    long millis,
    Box box,
    String matchedBy,
    Action.UseSkill skill) {

  /** An element's box in screenshot pixels (CSS pixels of the viewport). */
  public record Box(double x, double y, double width, double height) {}

  public Step {
    requireNonNull(url, "url");
    requireNonNull(action, "action");
    thought = thought == null ? "" : thought;
  }

  public Step(int index, String url, String title, String snapshotFile, String screenshotFile,
      String thought, Action action, boolean ok, String error, long millis) {
    this(index, url, title, snapshotFile, screenshotFile, thought, action, ok, error, millis, null,
        null, null);
  }

  public Step(int index, String url, String title, String snapshotFile, String screenshotFile,
      String thought, Action action, boolean ok, String error, long millis, Box box,
      String matchedBy) {
    this(index, url, title, snapshotFile, screenshotFile, thought, action, ok, error, millis, box,
        matchedBy, null);
  }

  /**
   * A builder of step {@code index}, taken on the page {@code url} (titled {@code title}) whose
   * snapshot and screenshot are in the named files.
   */
  public static Builder on(int index, String url, String title, String snapshotFile,
      String screenshotFile) {
    return new Builder(index, url, title, snapshotFile, screenshotFile);
  }

  /** Builds a step; it succeeded, took no time and was part of no skill unless told. */
  public static final class Builder {
    private final int index;
    private final String url;
    private final String title;
    private final String snapshotFile;
    private final String screenshotFile;
    private String thought;
    private Action action;
    private boolean ok = true;
    private String error;
    private long millis;
    private Box box;
    private String matchedBy;
    private Action.UseSkill skill;

    private Builder(int index, String url, String title, String snapshotFile,
        String screenshotFile) {
      this.index = index;
      this.url = url;
      this.title = title;
      this.snapshotFile = snapshotFile;
      this.screenshotFile = screenshotFile;
    }

    /** What was decided, and why. */
    public Builder decided(String why, Action what) {
      this.thought = why;
      this.action = what;
      return this;
    }

    /** It failed, and why; nothing else changes. */
    public Builder failed(String why) {
      this.ok = false;
      this.error = why;
      return this;
    }

    /** How executing it went: whether it worked (else why not) and how long it took. */
    public Builder outcome(boolean worked, String why, long took) {
      this.ok = worked;
      this.error = why;
      this.millis = took;
      return this;
    }

    /** Where its element was, and which locator found it. */
    public Builder found(Box where, String by) {
      this.box = where;
      this.matchedBy = by;
      return this;
    }

    /** The skill call it was part of. */
    public Builder partOf(Action.UseSkill call) {
      this.skill = call;
      return this;
    }

    public Step build() {
      return new Step(index, url, title, snapshotFile, screenshotFile, thought, action, ok,
          error, millis, box, matchedBy, skill);
    }
  }
}
