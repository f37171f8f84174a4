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
import dev.skillwright.trajectories.SuccessSignal;
import java.util.ArrayList;
import java.util.List;

/** The wiki's benchmark: 17 tasks, three infeasible. Facts load a moment after the page. */
final class WikiSuite {
  private WikiSuite() {}

  static List<BenchTask> tasks() {
    List<BenchTask> t = new ArrayList<>();
    t.add(task("wiki-01", "easy", "Search for \"volcano\".", url("*/search?*q=volcano*"),
        urlIs("*/search?*q=volcano*")));
    t.add(task("wiki-02", "easy", "Open \"Zanzibar\".", url("*/wiki/Zanzibar"),
        urlIs("*/wiki/Zanzibar")));
    t.add(task("wiki-03", "easy", "Go to the \"All articles\" page.", url("*/all"),
        urlIs("*/all")));
    t.add(task("wiki-04", "easy", "Search for \"Babbage\", then open \"Analytical Engine\".",
        url("*/wiki/Analytical_Engine"), urlIs("*/wiki/Analytical_Engine")));
    t.add(task("wiki-05", "medium", "What is the height of \"Mount Fuji\"?", answer("3,776 m"),
        answerHas("3,776 m")));
    t.add(task("wiki-06", "medium", "What is the population of \"Lisbon\"?", answer("545,000"),
        answerHas("545,000")));
    t.add(task("wiki-07", "medium", "What is the capital of \"Brazil\"?", answer("Brasília"),
        answerHas("Brasília")));
    t.add(task("wiki-08", "medium", "Open \"Sicily\", then open \"Palermo\".",
        url("*/wiki/Palermo"), urlIs("*/wiki/Palermo")));
    t.add(task("wiki-09", "medium", "Open \"Grace Hopper\", then open \"History\".",
        url("*/wiki/Grace_Hopper/history"), urlIs("*/wiki/Grace_Hopper/history")));
    t.add(task("wiki-10", "medium", "What is the length of \"Amazon River\"?",
        answer("6,400 km"), answerHas("6,400 km")));
    t.add(task("wiki-11", "hard", "Open \"Tagus\", press \"Edit\", fill \"Content\" with \"The "
        + "longest river of the Iberian Peninsula, 1,007 km long, reaching the sea at [[Lisbon]]"
        + ".\", press \"Publish changes\", fill \"Edit summary\" with \"Added the length\", then "
        + "press \"Save\".", saved("1,007 km long"),
        edited("Tagus", "Added the length", "1,007 km long", false)));
    t.add(task("wiki-12", "hard", "Open \"Honey bee\", press \"Edit\", fill \"Content\" with "
        + "\"A social insect that makes honey and pollinates crops. See [[Pollination]].\", "
        + "check \"This is a minor edit\", press \"Publish changes\", fill \"Edit summary\" with "
        + "\"Copy edit\", then press \"Save\".", saved("makes honey and pollinates"),
        edited("Honey bee", "Copy edit", "makes honey and pollinates", true)));
    t.add(task("wiki-13", "hard", "Open \"Create article\", fill \"Title\" with \"Lake Bled\", "
        + "fill \"Content\" with \"A lake in the Julian Alps of [[Slovenia]].\", press \"Publish "
        + "changes\", fill \"Edit summary\" with \"New article\", then press \"Save\".",
        saved("A lake in the Julian Alps"), created("Lake Bled")));
    t.add(task("wiki-14", "medium", "Go to the \"All articles\" page, then open \"Zanzibar\".",
        url("*/wiki/Zanzibar"), urlIs("*/wiki/Zanzibar")));
    t.add(infeasible("wiki-15", "Open \"Atlantis\"."));
    t.add(infeasible("wiki-16", "What is the height of \"Lisbon\"?"));
    t.add(infeasible("wiki-17", "Open \"Mount Etna\", then press \"Delete article\"."));
    return t;
  }

  private static SuccessSignal saved(String text) {
    return SuccessSignal.of(new Condition.UrlMatches("*/wiki/*"),
        new Condition.TextPresent(text));
  }

  private static GroundTruthCheck edited(String title, String summary, String text,
      boolean minor) {
    return some("edits", (minor ? "minor " : "") + "edit of " + title + " with the summary \""
        + summary + "\"", e -> title.equals(e.get("title")) && summary.equals(e.get("summary"))
            && String.valueOf(e.get("text")).contains(text)
            && Boolean.valueOf(minor).equals(e.get("minor")));
  }

  private static GroundTruthCheck created(String title) {
    return o -> ((List<?>) o.groundTruth().getOrDefault("created", List.of())).contains(title)
        ? null : "no article " + title + " was created";
  }
}
