package dev.skillwright.browser;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.LocatorCandidate.Strategy;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Records the ways to find an element again once its snapshot ref has died, and finds it by them.
 * Candidates follow Playwright's own advice on locators (role and name first, CSS last); each one
 * is kept only if the element is its first match when recorded, and replay takes its first match.
 */
final class DurableLocators {
  private static final String DESCRIBE = """
      el => {
        const attr = n => el.getAttribute(n);
        const labels = el.labels ? Array.from(el.labels).map(l => l.innerText.trim()).filter(Boolean) : [];
        const text = (el.innerText || '').trim();
        const path = [];
        for (let n = el; n && n.nodeType === 1 && path.length < 8; n = n.parentElement) {
          if (n.id && /^[A-Za-z][\\w-]*$/.test(n.id)) { path.unshift('#' + n.id); break; }
          let sel = n.tagName.toLowerCase();
          const p = n.parentElement;
          if (p) {
            const same = Array.from(p.children).filter(c => c.tagName === n.tagName);
            if (same.length > 1) sel += ':nth-of-type(' + (same.indexOf(n) + 1) + ')';
          }
          path.unshift(sel);
        }
        return {
          label: labels[0] || '',
          placeholder: attr('placeholder') || '',
          testId: attr('data-testid') || '',
          text: text.length <= 80 && !text.includes('\\n') ? text : '',
          css: path.join(' > '),
          // the box on the screenshot, read here for an element of the top page (an iframe's
          // element has its own frame's coordinates: Playwright measures those)
          box: window === window.top ? (() => { const r = el.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height }; })() : null
        };
      }
      """;

  private DurableLocators() {}

  /**
   * What recording an element found: the locators, and its box on the screenshot when it was
   * read with them (null: not read, or the element has no box).
   */
  record Recorded(List<LocatorCandidate> locators, Step.Box box, boolean boxRead) {}

  /**
   * The candidates that find {@code element} (known by role and name) uniquely, best first, and
   * its box, in as few calls into the page as there are candidates.
   */
  static Recorded record(Page page, Locator element, String role, String name) {
    List<LocatorCandidate> all = new ArrayList<>();
    if (!name.isEmpty() && ariaRole(role).isPresent()) {
      all.add(LocatorCandidate.role(role, name));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) element.evaluate(DESCRIBE);
    addIfPresent(all, Strategy.LABEL, d.get("label"));
    addIfPresent(all, Strategy.PLACEHOLDER, d.get("placeholder"));
    addIfPresent(all, Strategy.TEXT, d.get("text"));
    addIfPresent(all, Strategy.TEST_ID, d.get("testId"));
    addIfPresent(all, Strategy.CSS, d.get("css"));
    ElementHandle self = element.elementHandle();
    List<LocatorCandidate> kept = new ArrayList<>();
    for (LocatorCandidate c : all) {
      if (!kept.contains(c) && findsFirst(toLocator(page, c), self)) {
        kept.add(c);
      }
    }
    return new Recorded(kept, box(d.get("box")), d.get("box") != null);
  }

  /**
   * True when the element is the first that {@code l} matches: a name shared by a navigation
   * link and a list link still finds the right one, the way {@link #resolve} reads it.
   */
  private static boolean findsFirst(Locator l, ElementHandle self) {
    // one call, and no waiting: a locator that matches nothing gives an empty list
    Object same = l.evaluateAll("(els, self) => els.length > 0 && els[0] === self", self);
    return Boolean.TRUE.equals(same);
  }

  private static void addIfPresent(List<LocatorCandidate> out, Strategy s, Object v) {
    if (v instanceof String str && !str.isBlank()) {
      out.add(LocatorCandidate.of(s, str.strip()));
    }
  }

  /**
   * Of a locator's matches, in one call and without waiting: the index of the first one in sight
   * (a box, and not hidden by style or a closed disclosure), else of the first; -1 when none
   * matches; whether one is in sight; and that one's box (null in an iframe, whose coordinates
   * are its frame's).
   */
  private static final String PICK = """
      els => {
        if (els.length === 0) return { index: -1 };
        const shown = el => { const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && (!el.checkVisibility
            || el.checkVisibility({ visibilityProperty: true })); };
        let i = els.findIndex(shown);
        const seen = i >= 0;
        if (i < 0) i = 0;
        const r = els[i].getBoundingClientRect();
        return { index: i, shown: seen, box: window === window.top
          ? { x: r.x, y: r.y, width: r.width, height: r.height } : null };
      }
      """;

  /**
   * The first candidate that matches an element now, and its first match in sight (else its
   * first). With {@code measure}, that match's box on the screenshot too, read in the same call.
   *
   * <p>Without it, the page is asked only what Playwright's own actions ask (how many match,
   * which are visible), in the isolated world its actions and snapshots already set up on a page;
   * reading a box runs a script in the page's own world, and the first such script on a page costs
   * about 50 ms of setting Playwright's helpers up there: a step whose page is not pictured has no
   * use for a box.
   */
  static Optional<Resolved> resolve(Page page, Target target, boolean measure) {
    for (LocatorCandidate c : target.locators()) {
      try {
        Locator l = toLocator(page, c);
        if (c.strategy() == Strategy.CSS || c.strategy() == Strategy.TEST_ID) {
          // a path or id says nothing of what the element is: it must still be the recorded one
          l = l.and(asRecorded(page, target));
        }
        Optional<Resolved> found = measure ? pickMeasured(l, c) : pick(l, c);
        if (found.isPresent()) {
          return found;
        }
      } catch (PlaywrightException | IllegalArgumentException e) {
        // a candidate that cannot be evaluated on this page is simply not a match
      }
    }
    return Optional.empty();
  }

  /**
   * Of {@code l}'s matches, the first in sight, else the first; by Playwright's visibility. One
   * question to the page when a match is in sight (the usual case), two when none is.
   */
  private static Optional<Resolved> pick(Locator l, LocatorCandidate c) {
    // a copy hidden in a closed tab or panel must not win over the one in sight
    Locator shown = l.filter(new Locator.FilterOptions().setVisible(true));
    if (shown.count() > 0) {
      return Optional.of(new Resolved(shown.first(), c, null, false));
    }
    return l.count() == 0 ? Optional.empty() : Optional.of(new Resolved(l.first(), c, null,
        false));
  }

  /** {@link #pick}, and the match's box, in one call into the page. */
  private static Optional<Resolved> pickMeasured(Locator l, LocatorCandidate c) {
    if (l.evaluateAll(PICK) instanceof Map<?, ?> picked
        && picked.get("index") instanceof Number i && i.intValue() >= 0) {
      // by Playwright's own visibility, found again when it acts: the copies may change
      Locator el = Boolean.TRUE.equals(picked.get("shown"))
          ? l.filter(new Locator.FilterOptions().setVisible(true)).first() : l.first();
      return Optional.of(new Resolved(el, c, box(picked.get("box")), picked.get("box") != null));
    }
    return Optional.empty();
  }

  /**
   * A match: the locator of the element, the candidate that found it, and its box (null when it
   * has none, or when it was not read: {@code boxRead} false).
   */
  record Resolved(Locator locator, LocatorCandidate by, Step.Box box, boolean boxRead) {}

  /** A box as the page's scripts give it; null when it has no size. */
  private static Step.Box box(Object measured) {
    if (measured instanceof Map<?, ?> b && b.get("width") instanceof Number w
        && b.get("height") instanceof Number h && (w.doubleValue() > 0 || h.doubleValue() > 0)) {
      return new Step.Box(((Number) b.get("x")).doubleValue(),
          ((Number) b.get("y")).doubleValue(), w.doubleValue(), h.doubleValue());
    }
    return null;
  }

  /** The elements with the target's recorded role and accessible name (role alone if nameless). */
  private static Locator asRecorded(Page page, Target target) {
    AriaRole role = ariaRole(target.role()).orElseThrow(
        () -> new IllegalArgumentException("unknown role " + target.role()));
    return target.name().isEmpty() ? page.getByRole(role)
        : page.getByRole(role, new Page.GetByRoleOptions().setName(target.name()).setExact(true));
  }

  static Locator toLocator(Page page, LocatorCandidate c) {
    return switch (c.strategy()) {
      case ROLE -> page.getByRole(ariaRole(c.value()).orElseThrow(
              () -> new IllegalArgumentException("unknown role " + c.value())),
          new Page.GetByRoleOptions().setName(c.name()).setExact(true));
      case LABEL -> page.getByLabel(c.value(), new Page.GetByLabelOptions().setExact(true));
      case PLACEHOLDER -> page.getByPlaceholder(c.value(),
          new Page.GetByPlaceholderOptions().setExact(true));
      case TEXT -> page.getByText(c.value(), new Page.GetByTextOptions().setExact(true));
      case TEST_ID -> page.getByTestId(c.value());
      case CSS -> page.locator(c.value());
    };
  }

  static Optional<AriaRole> ariaRole(String role) {
    try {
      return Optional.of(AriaRole.valueOf(role.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
