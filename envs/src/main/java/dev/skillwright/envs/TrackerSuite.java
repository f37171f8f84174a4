package dev.skillwright.envs;

import static dev.skillwright.envs.Checks.answer;
import static dev.skillwright.envs.Checks.answerHas;
import static dev.skillwright.envs.Checks.infeasible;
import static dev.skillwright.envs.Checks.some;
import static dev.skillwright.envs.Checks.task;
import static dev.skillwright.envs.Checks.url;
import static dev.skillwright.envs.Checks.urlIs;

import dev.skillwright.envs.BenchTask.GroundTruthCheck;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SuccessSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The tracker's benchmark: 17 tasks, three infeasible. The issue list shows open issues. */
final class TrackerSuite {
  private TrackerSuite() {}

  static List<BenchTask> tasks() {
    List<BenchTask> t = new ArrayList<>();
    t.add(task("tracker-01", "easy", "Go to the \"New issue\" page.", url("*/new"),
        urlIs("*/new")));
    t.add(task("tracker-02", "easy", "Search for \"crash\".", url("*/?*q=crash*"),
        urlIs("*/?*q=crash*")));
    t.add(task("tracker-03", "easy", "What is the assignee of \"Export to CSV times out\"?",
        answer("Priya"), answerHas("Priya")));
    t.add(task("tracker-04", "medium", "What is the due date of \"Document the REST API\"?",
        answer("2026-12-15"), answerHas("2026-12-15")));
    t.add(task("tracker-05", "medium", "What is the status of \"Dark mode toggle resets\"?",
        answer("Closed"), answerHas("Closed")));
    t.add(task("tracker-06", "medium", "Choose \"Closed\" in \"Status\", then press \"Filter\".",
        url("*/?*status=closed*"), urlIs("*/?*status=closed*")));
    t.add(task("tracker-07", "medium", "Go to the \"Labels\" page, then open \"security\".",
        url("*/?*label=security*"), urlIs("*/?*label=security*")));
    t.add(task("tracker-08", "medium", "Choose \"Dana\" in \"Assignee\", then press \"Filter\".",
        url("*/?*assignee=Dana*"), urlIs("*/?*assignee=Dana*")));
    t.add(task("tracker-09", "hard", "Open \"Session expires too early\", press \"Close issue\", "
        + "then press \"Yes, close it\".", shows("Status: Closed"),
        issue("Session expires too early", "closed", i -> i.get("status").equals("closed"))));
    t.add(task("tracker-10", "hard", "Open \"Add keyboard shortcuts\", choose \"Priya\" in "
        + "\"Assignee\", then press \"Save changes\".", shows("Assignee: Priya"),
        issue("Add keyboard shortcuts", "assigned to Priya",
            i -> i.get("assignee").equals("Priya"))));
    t.add(task("tracker-11", "hard", "Open \"Bulk close issues\", choose \"ui\" in \"Labels\", "
        + "then press \"Save changes\".", shows("Labels: feature, ui"),
        issue("Bulk close issues", "labelled feature and ui",
            i -> i.get("labels").equals(List.of("feature", "ui")))));
    t.add(task("tracker-12", "hard", "Open \"Write a contributing guide\", fill \"Due date\" with "
        + "\"2026-12-31\", then press \"Save changes\".", shows("Due date: 2026-12-31"),
        issue("Write a contributing guide", "due 2026-12-31",
            i -> i.get("due").equals("2026-12-31"))));
    t.add(task("tracker-13", "hard", "Open \"New issue\", fill \"Title\" with \"Crash when "
        + "uploading a PDF\", fill \"Description\" with \"Uploading any PDF shows an error page."
        + "\", choose \"bug\" in \"Labels\", choose \"Lena\" in \"Assignee\", fill \"Due date\" "
        + "with \"2026-12-05\", then press \"Create issue\".",
        SuccessSignal.of(new Condition.ElementState("button", "Create issue", State.ABSENT, null),
            new Condition.TextPresent("Crash when uploading a PDF")),
        issue("Crash when uploading a PDF", "bug for Lena due 2026-12-05",
            i -> i.get("labels").equals(List.of("bug")) && i.get("assignee").equals("Lena")
                && i.get("due").equals("2026-12-05") && i.get("status").equals("open"))));
    t.add(task("tracker-14", "hard", "Choose \"Closed\" in \"Status\", press \"Filter\", then "
        + "open \"Tooltip text is cut off\", then press \"Reopen issue\".", shows("Status: Open"),
        issue("Tooltip text is cut off", "reopened", i -> i.get("status").equals("open"))));
    t.add(infeasible("tracker-15", "Open \"Migrate to Kubernetes\"."));
    t.add(infeasible("tracker-16", "Open \"Add keyboard shortcuts\", choose \"Zed\" in "
        + "\"Assignee\", then press \"Save changes\"."));
    t.add(infeasible("tracker-17", "Open \"Login page crashes on Safari\", then press \"Delete "
        + "issue\"."));
    return t;
  }

  private static SuccessSignal shows(String text) {
    return SuccessSignal.of(new Condition.UrlMatches("*/issue/*"),
        new Condition.TextPresent(text));
  }

  private static GroundTruthCheck issue(String title, String what,
      Predicate<Map<String, Object>> test) {
    return some("issues", "issue \"" + title + "\" " + what,
        i -> title.equals(i.get("title")) && test.test(i));
  }
}
