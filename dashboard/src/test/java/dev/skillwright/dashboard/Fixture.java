package dev.skillwright.dashboard;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A data directory with two sessions, three episodes and three skills, one of them hostile. */
final class Fixture {
  static final String DONE = "20261122-010000-aaaa";
  static final String RUNNING = "20261122-020000-bbbb";
  static final String VERIFICATION = "aaaa-001-v1";
  static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  static final String XSS_TITLE = "<script>window.pwned=1</script>";

  private Fixture() {}

  static byte[] jpeg(Color color) {
    BufferedImage img = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 1280, 800);
    g.setColor(Color.WHITE);
    g.fillRect(100, 200, 300, 60);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(Path data) {
    Store store = Store.at(data);
    Store.SessionLog done = store.startSession(session(DONE, SessionRecord.Status.COMPLETED, 2, 1));
    episode(done, DONE, "aaaa-001", "Add \"Blue Ceramic Mug\" to the cart.", "Blue Ceramic Mug",
        true);
    episode(done, DONE, "aaaa-002", "Open \"" + XSS_TITLE + "\".", XSS_TITLE, false);
    write(done.verification(VERIFICATION), DONE, VERIFICATION,
        "Add \"Hand Trowel\" to the cart.", "Hand Trowel", true);
    Store.SessionLog running = store.startSession(session(RUNNING, SessionRecord.Status.RUNNING, 3, 0));
    running.event("session_started", Map.of("session", RUNNING));
    running.event("tasks_proposed", Map.of("count", 3));
    running.event("episode_finished", Map.of("episode", "bbbb-001", "success", true, "done", 1,
        "total", 3, "steps", 2, "reason", "met"));
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      // as they are: the three share their steps, which add() would merge into one skill
      index.addAll(List.of(
          skill("add-item-to-the-cart", "Add \"{item}\" to the cart", "aaaa-001")
              .verified(new Skill.Verification(Instant.parse("2026-11-22T01:05:00Z"),
                  Map.of("item", "Hand Trowel"), true, "its success signal held",
                  VERIFICATION)),
          skill("go-to-the-page-page", "Go to the \"{page}\" page", "aaaa-001"),
          skill(XSS_NAME, "Click \"" + XSS_NAME + "\"", "aaaa-002")));
    }
  }

  static SessionRecord session(String id, SessionRecord.Status status, int total, int done) {
    boolean finished = status == SessionRecord.Status.COMPLETED;
    return new SessionRecord(SessionRecord.SCHEMA_VERSION, id, "shop", "http://127.0.0.1:1",
        Instant.parse("2026-11-22T01:00:00Z"), finished ? Instant.parse("2026-11-22T01:02:05Z")
            : null, status, Map.of("model", "offline", "kind", "crawl"),
        new SessionRecord.Counters(total, total, done, done, 0, 2), null);
  }

  static void episode(Store.SessionLog log, String session, String id, String instruction,
      String title, boolean success) {
    write(log.episode(id), session, id, instruction, title, success);
  }

  static void write(Store.EpisodeFiles files, String session, String id, String instruction,
      String title, boolean success) {
    String[] first = files.writeObservation("step-000", new Observation("http://127.0.0.1:1/",
        title, "- heading \"" + title + "\" [level=1] [ref=e1]", jpeg(new Color(40, 90, 160))));
    String[] second = files.writeObservation("step-001", new Observation("http://127.0.0.1:1/p",
        title, "- button \"Add to cart\" [ref=e2]", jpeg(new Color(30, 130, 70))));
    // a trace, as the runner saves one (a zip; its content does not matter here)
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
        java.nio.file.Files.newOutputStream(files.dir().resolve("trace.zip")))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("trace.trace"));
      zip.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // the last step was read as text only, as the offline agent reads a page: no screenshot
    String[] read = files.writeObservation("step-002", new Observation("http://127.0.0.1:1/cart",
        "Cart", "- heading \"Your cart\" [level=1] [ref=e3]", null));
    String[] last = files.writeObservation("final", new Observation("http://127.0.0.1:1/cart",
        "Cart", "- heading \"Your cart\" [level=1] [ref=e3]", jpeg(new Color(120, 60, 60))));
    Target button = new Target("e2", "button", "Add to cart",
        List.of(LocatorCandidate.role("button", "Add to cart")));
    List<Step> steps = List.of(
        new Step(0, "http://127.0.0.1:1/", title, first[0], first[1], "I open the product.",
            new Action.Click(Target.of("e1", "link", "Blue Ceramic Mug")), true, null, 5,
            new Step.Box(100, 200, 300, 60), "ref"),
        new Step(1, "http://127.0.0.1:1/p", title, second[0], second[1], "I add it.",
            new Action.Click(button), true, null, 5, new Step.Box(500, 400, 200, 50), "ref"),
        new Step(2, "http://127.0.0.1:1/cart", "Cart", read[0], read[1], "Done.",
            new Action.Answer("Done."), true, null, 0));
    Task task = new Task("t", "shop", instruction, "http://127.0.0.1:1/",
        SuccessSignal.of(new Condition.TextPresent("Blue Ceramic Mug")), Map.of());
    files.writeTrajectory(new Trajectory(1, session, id, task, Instant.parse(
        "2026-11-22T01:0" + id.charAt(id.length() - 1) + ":00Z"), 1500, steps,
        Trajectory.Status.ANSWERED, "Done.", "http://127.0.0.1:1/cart", "Cart", last[0], last[1],
        List.of(), new Verdict(success, 0.9, success ? "met" : "not met: the page shows it",
            success ? null : "signal_not_met", "offline-rules"), null, null,
        // the second step was healed: its recorded name had other letter case
        List.of(new Trajectory.Repair(1, Target.of(null, "button", "Add to Cart"), button,
            "offline-matcher", 0.92))));
  }

  static Skill skill(String name, String description, String episode) {
    return new Skill(Skill.SCHEMA_VERSION, "shop:" + name, name, "shop", description,
        List.of(new Skill.Parameter("item", "string", List.of("Blue Ceramic Mug"))),
        List.of(new Action.Click(new Target(null, "button", "Add to cart",
            List.of(LocatorCandidate.role("button", "Add to cart"))))), "*/",
        SuccessSignal.none(), List.of(description), List.of(new Skill.Provenance(DONE, episode,
            Instant.parse("2026-11-22T01:00:00Z"))));
  }
}
