package dev.skillwright.loop;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.SpareTab;
import dev.skillwright.browser.Tab;
import dev.skillwright.evaluator.Evaluator;
import dev.skillwright.proposer.SiteContext;
import dev.skillwright.proposer.SiteCrawler;
import dev.skillwright.skills.ArgumentPicker;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a skill the way a careful engineer would: it re-executes the skill in a tab as fresh as
 * a new browser context (the worker's tab made to {@linkplain Tab#forget forget} what ran in it
 * before: cookies, storage, caches, history; a new context where it cannot forget, as one that
 * started from a saved login) with new argument values taken from the site
 * ({@link ArgumentPicker}), strictly (a step whose locators all miss fails; nothing is healed),
 * and checks what the skill promises ({@link SkillBinding#promise}) with the new values. Each
 * verification is an episode of the session (under {@code verifications/}, apart from the task
 * episodes), and the round is recorded on the skill through the {@link SkillLibrary}: passing
 * makes it verified, failing leaves it a candidate (or demotes a verified one). The site's values
 * come from what the session read of it; a session that read nothing (a {@code run}) reads a few
 * pages once, when first needed.
 */
final class SkillVerifier {
  private static final int CONTEXT_PAGES = 8;

  private final SessionRunner.Settings settings;
  private final EpisodeRunner runner;
  private final Clock clock;
  private SiteContext context;
  /** Skills' start pages the context crawl did not see, read when first needed. */
  private final Map<String, SiteContext.PageSummary> startPages = new java.util.HashMap<>();

  SkillVerifier(SessionRunner.Settings settings, EpisodeRunner runner, Clock clock,
      SiteContext context) {
    this.settings = settings;
    this.runner = runner.withoutFinalScreenshot();
    this.clock = clock;
    this.context = context;
  }

  /** How many tries a verification makes at most, each with other values. */
  static final int TRIES = 3;

  /** The outcome: the skill as recorded, and the verification episodes. */
  record Outcome(Skill skill, List<Trajectory> trajectories) {}

  /**
   * Verifies {@code skill} in up to {@value #TRIES} tries with different values (episodes
   * {@code episodeId-vN}, numbered after the skill's earlier verifications); it passes when a
   * clear majority of the tries made passes, and stops as soon as the majority is known.
   */
  Outcome verify(Skill skill, SkillLibrary library, BrowserSession browser, SpareTab tabs,
      Session session, String episodeId) {
    List<Map<String, String>> tries = ArgumentPicker.several(skill, values(skill, browser), TRIES);
    List<Skill.Verification> round = new ArrayList<>();
    List<Trajectory> episodes = new ArrayList<>();
    Optional<Skill.Parameter> stuck = skill.parameters().stream()
        .filter(p -> !p.examples().isEmpty() && !tries.get(0).containsKey(p.name())).findFirst();
    if (stuck.isPresent()) {
      // nothing to try it with: unverified, and why
      String reason = "no other value of " + stuck.get().name() + " than \""
          + stuck.get().examples().get(0) + "\" that its first step could click on its start page";
      round.add(new Skill.Verification(clock.instant(), tries.get(0), false, reason, null));
      session.publish(new SessionEvent.VerificationTried(skill.id(), null, false, reason));
    }
    int passed = 0;
    for (Map<String, String> args : stuck.isPresent() ? List.<Map<String, String>>of() : tries) {
      if (passed * 2 > tries.size() || (round.size() - passed) * 2 >= tries.size()) {
        break; // the majority is known
      }
      String id = episodeId + "-v" + (skill.verifications().size() + round.size() + 1);
      Skill.Verification v = once(skill, args, library, tabs, session, id, episodes);
      round.add(v);
      if (v.episode() == null) {
        break; // it cannot run at all: other values would not change that
      }
      passed += v.passed() ? 1 : 0;
      session.publish(new SessionEvent.VerificationTried(skill.id(), id, v.passed(), v.reason()));
    }
    Skill recorded = library.applyVerification(skill.id(), round)
        .orElse(skill.verified(round));
    return new Outcome(recorded, episodes);
  }

  /** One try: the skill's steps with {@code args}, strictly, and its promise checked. */
  private Skill.Verification once(Skill skill, Map<String, String> args, SkillLibrary library,
      SpareTab tabs, Session session, String episodeId, List<Trajectory> episodes) {
    boolean passed;
    String reason;
    try {
      SkillBinding b = SkillBinding.bind(skill, args);
      List<Action> steps = b.flatSteps(library::callable);
      Task task = new Task(episodeId, skill.site(), b.instruction(),
          URI.create(settings.startUrl()).resolve(b.startPath()).toString(), b.promise(), args);
      dev.skillwright.trajectories.Store.EpisodeFiles files = session.verification(episodeId);
      Trajectory t = tabs.with(tab -> {
        EpisodeRunner.Result r = runner.run(session.id(), episodeId, task,
            Policies.replay(steps, new Policies.ReplayOptions().setOriginal("skill:" + skill.id())
                .setStrict(true).setReads(b.reads())), tab, files);
        Trajectory judged = r.trajectory()
            .withVerdict(Evaluator.offline().judge(r.trajectory(), r.recent()));
        // judged by its text: a picture of the final page only where it failed, for whoever
        // looks into why
        return judged.succeeded() ? judged : runner.picture(judged, tab, files);
      });
      files.writeTrajectory(t);
      episodes.add(t);
      passed = t.succeeded();
      // a replay that gave up says which step failed: the better reason
      reason = passed ? "its success signal held with " + args
          : t.status() == Trajectory.Status.GAVE_UP ? t.answer() : t.verdict().reason();
    } catch (BadInputException e) {
      // it could not run: no episode to show for it
      return new Skill.Verification(clock.instant(), args, false, e.getMessage(), null);
    }
    return new Skill.Verification(clock.instant(), args, passed, reason, episodeId);
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
    Map<String, String> urls = new java.util.HashMap<>();
    String start = path(skill.startUrlPattern().replaceFirst("^\\*", ""));
    List<SiteContext.PageSummary> pages = new ArrayList<>(context.pages());
    pages.addAll(startPages.values());
    if (pages.stream().noneMatch(p -> path(URI.create(p.url()).getRawPath()).equals(start))) {
      // the crawl did not see the skill's start page: what its first step may click is there
      try (Tab tab = browser.newScratchTab(settings.scope())) {
        List<SiteContext.PageSummary> read = SiteCrawler.crawl(tab, settings.site(),
            URI.create(settings.startUrl()).resolve(start).toString(), 1).pages();
        if (!read.isEmpty()) {
          startPages.put(start, read.get(0)); // read once a session
        }
        pages.addAll(read);
      }
    }
    // option lists exploring saw outside forms (a single-page app's select boxes, custom lists)
    choices.addAll(context.explored().choices());
    for (SiteContext.PageSummary p : pages) {
      p.items().forEach(i -> items.add(i.name()));
      p.links().forEach(l -> links.add(l.name()));
      p.items().forEach(i -> urls.putIfAbsent(fold(i.name()), i.url()));
      p.links().forEach(l -> urls.putIfAbsent(fold(l.name()), l.url()));
      p.forms().forEach(f -> f.fields().stream().filter(x -> !x.options().isEmpty())
          .forEach(x -> choices.add(x.options().stream().map(o -> o.label()).toList())));
      if (path(URI.create(p.url()).getRawPath()).equals(start)) {
        p.links().forEach(l -> onStart.add(fold(l.name())));
      }
    }
    return new ArgumentPicker.SiteValues(List.copyOf(items), List.copyOf(links),
        List.copyOf(choices), onStart, urls);
  }

  /** A URL path compared as a page: {@code /a/} as {@code /a}, nothing as {@code /}. */
  private static String path(String raw) {
    String p = raw == null ? "" : raw.replaceAll("/+$", "");
    return p.isEmpty() ? "/" : p;
  }
}
