package dev.skillwright.app;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policy;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Tab;
import dev.skillwright.evaluator.Evaluator;
import dev.skillwright.proposer.SiteContext;
import dev.skillwright.proposer.SiteCrawler;
import dev.skillwright.skills.ArgumentPicker;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a skill the way a careful engineer would: it re-executes the skill in a fresh browser
 * context with new argument values taken from the site ({@link ArgumentPicker}), strictly (a
 * step whose locators all miss fails; nothing is healed), and checks what the skill promises
 * ({@link SkillBinding#promise}) with the new values. Each verification is an episode of the session (under
 * {@code verifications/}, apart from the task episodes), and is recorded on the
 * skill: passing makes it verified, failing leaves it a candidate (or demotes a verified one).
 */
final class SkillVerifier {
  private static final int CONTEXT_PAGES = 8;

  private final CrawlSettings settings;
  private final EpisodeRunner runner;
  private final Clock clock;
  private SiteContext context;

  SkillVerifier(CrawlSettings settings, EpisodeRunner runner, Clock clock, SiteContext context) {
    this.settings = settings;
    this.runner = runner;
    this.clock = clock;
    this.context = context;
  }

  /** The outcome: the skill as recorded, and the verification episode. */
  record Outcome(Skill skill, Trajectory trajectory) {}

  Outcome verify(Skill skill, SkillIndex index, BrowserSession browser, String sessionId,
      String episodeId, Store.SessionLog log) {
    Map<String, String> args = ArgumentPicker.pick(skill, values(skill, browser));
    Trajectory t;
    boolean passed;
    String reason;
    try {
      SkillBinding b = SkillBinding.bind(skill, args);
      List<Action> steps = b.flatSteps(n -> index.get(n).filter(Skill::offered));
      Task task = new Task(episodeId, skill.site(), b.instruction(),
          URI.create(settings.startUrl()).resolve(b.startPath()).toString(), b.promise(), args);
      Store.EpisodeFiles files = log.verification(episodeId);
      try (Tab tab = browser.newTab(settings.scope())) {
        EpisodeRunner.Result r = runner.run(sessionId, episodeId, task,
            Policy.strictReplay(steps, "skill:" + skill.id()), tab, files);
        t = r.trajectory().withVerdict(Evaluator.offline().judge(r.trajectory(), r.recent()));
      }
      files.writeTrajectory(t);
      passed = t.succeeded();
      // a replay that gave up says which step failed: the better reason
      reason = passed ? "its success signal held with " + args
          : t.status() == Trajectory.Status.GAVE_UP ? t.answer() : t.verdict().reason();
    } catch (BadInputException e) {
      t = null;
      passed = false;
      reason = e.getMessage();
    }
    Skill.Verification v = new Skill.Verification(clock.instant(), args, passed, reason,
        episodeId);
    Skill recorded = index.update(skill.id(), s -> s.verified(v)).orElse(skill.verified(v));
    log.event(passed ? "skill_verified" : "skill_unverified", Map.of("skill", skill.id(),
        "episode", episodeId, "reason", reason));
    return new Outcome(recorded, t);
  }

  private synchronized ArgumentPicker.SiteValues values(Skill skill, BrowserSession browser) {
    if (context == null) {
      try (Tab tab = browser.newScratchTab(settings.scope())) {
        context = SiteCrawler.crawl(tab, settings.site(), settings.startUrl(), CONTEXT_PAGES);
      }
    }
    Set<String> items = new LinkedHashSet<>();
    Set<String> links = new LinkedHashSet<>();
    Set<List<String>> choices = new LinkedHashSet<>();
    Set<String> onStart = new HashSet<>();
    String start = skill.startUrlPattern().replaceFirst("^\\*", "");
    // option lists exploring saw outside forms (a single-page app's select boxes, custom lists)
    choices.addAll(context.explored().choices());
    for (SiteContext.PageSummary p : context.pages()) {
      p.items().forEach(i -> items.add(i.name()));
      p.links().forEach(l -> links.add(l.name()));
      p.forms().forEach(f -> f.fields().stream().filter(x -> !x.options().isEmpty())
          .forEach(x -> choices.add(x.options().stream().map(o -> o.label()).toList())));
      String path = URI.create(p.url()).getRawPath();
      if ((path == null || path.isEmpty() ? "/" : path).equals(start)) {
        p.links().forEach(l -> onStart.add(fold(l.name())));
      }
    }
    return new ArgumentPicker.SiteValues(List.copyOf(items), List.copyOf(links),
        List.copyOf(choices), onStart);
  }
}
