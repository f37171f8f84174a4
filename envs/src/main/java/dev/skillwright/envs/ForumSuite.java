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

/**
 * The forum's benchmark: 17 tasks, three infeasible. Tasks that post, vote or comment log in
 * first as the demo member {@code alice}, whose password is the secret {@code forum_password}.
 */
final class ForumSuite {
  static final String LOGIN = "Press \"Log in\", fill \"Username\" with \"alice\", fill "
      + "\"Password\" with \"{{secret:forum_password}}\", press \"Sign in\"";

  private ForumSuite() {}

  static List<BenchTask> tasks() {
    List<BenchTask> t = new ArrayList<>();
    t.add(task("forum-01", "easy", "Go to the \"Gardening\" page.", url("*/f/gardening"),
        urlIs("*/f/gardening")));
    t.add(task("forum-02", "easy", "Search for \"sourdough\".", url("*/search?*q=sourdough*"),
        urlIs("*/search?*q=sourdough*")));
    t.add(task("forum-03", "easy", "What is the score of \"Libraries are underrated\"?",
        answer("83"), answerHas("83")));
    t.add(task("forum-04", "easy", "Open \"Understanding Rust lifetimes\".", url("*/post/15"),
        urlIs("*/post/15")));
    t.add(task("forum-05", "medium", "Find the author of \"Freezing fresh herbs in oil\".",
        answer("bob"), answerHas("bob")));
    t.add(task("forum-06", "medium", "Go to the \"Cooking\" page, then choose \"Top\" in "
        + "\"Sort by\".", url("*/f/cooking?*sort=top*"), urlIs("*/f/cooking?*sort=top*")));
    t.add(task("forum-07", "medium", "Go to the \"Cooking\" page, then open \"Lemon tart that "
        + "never cracks\".", url("*/post/8"), urlIs("*/post/8")));
    t.add(task("forum-08", "medium", "Search for \"pasta\", then open \"Homemade pasta without "
        + "a machine\".", url("*/post/7"), urlIs("*/post/7")));
    t.add(task("forum-09", "medium", LOGIN + ".", SuccessSignal.of(new Condition.TextPresent(
        "Signed in as alice")), loggedIn()));
    t.add(task("forum-10", "hard", LOGIN + ", then open \"Composting in a small apartment\", then "
        + "press \"Upvote\".", pressed("Upvote"), voted("Composting in a small apartment", 1)));
    t.add(task("forum-11", "hard", LOGIN + ", then open \"Tabs versus spaces, once more\", then "
        + "press \"Downvote\".", pressed("Downvote"), voted("Tabs versus spaces, once more", -1)));
    t.add(task("forum-12", "hard", LOGIN + ", then open \"My first sourdough loaf\", fill "
        + "\"Comment\" with \"Lovely crumb!\", then press \"Post comment\".",
        SuccessSignal.of(new Condition.TextPresent("Lovely crumb!")),
        commented("My first sourdough loaf", "Lovely crumb!")));
    t.add(task("forum-13", "hard", LOGIN + ", then open \"New post\", choose \"Books\" in "
        + "\"Community\", fill \"Title\" with \"Favourite short story collections\", fill \"Body\" "
        + "with \"Share yours.\", then press \"Create post\".",
        SuccessSignal.of(new Condition.ElementState("button", "Create post", State.ABSENT, null),
            new Condition.TextPresent("Favourite short story collections")),
        posted("books", "Favourite short story collections")));
    t.add(task("forum-14", "medium", "Go to the \"Books\" page, then choose \"New\" in "
        + "\"Sort by\".", url("*/f/books?*sort=new*"), urlIs("*/f/books?*sort=new*")));
    t.add(infeasible("forum-15", "Go to the \"Cars\" page."));
    t.add(infeasible("forum-16", "What is the score of \"How to fly a kite\"?"));
    t.add(infeasible("forum-17", "Open \"Best way to season a cast iron pan\", then press "
        + "\"Delete post\"."));
    return t;
  }

  private static SuccessSignal pressed(String button) {
    return SuccessSignal.of(new Condition.ElementState("button", button, State.PRESSED, null));
  }

  private static GroundTruthCheck loggedIn() {
    return o -> "alice".equals(o.groundTruth().get("user")) ? null : "alice is not logged in";
  }

  @SuppressWarnings("unchecked")
  private static GroundTruthCheck voted(String title, int dir) {
    return o -> Integer.valueOf(dir).equals(((Map<String, Integer>) o.groundTruth()
        .getOrDefault("votes", Map.of())).get(title)) ? null
        : "no " + (dir > 0 ? "upvote" : "downvote") + " on " + title;
  }

  private static GroundTruthCheck commented(String title, String text) {
    return some("comments", "comment \"" + text + "\" by alice on " + title,
        c -> title.equals(c.get("post")) && text.equals(c.get("text"))
            && "alice".equals(c.get("author")));
  }

  private static GroundTruthCheck posted(String community, String title) {
    return some("posts", "post \"" + title + "\" in " + community,
        p -> community.equals(p.get("community")) && title.equals(p.get("title")));
  }
}
