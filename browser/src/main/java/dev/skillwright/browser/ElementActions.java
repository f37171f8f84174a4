package dev.skillwright.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Secrets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What each kind of action does to its element, as a person would do it: a click (on a tree
 * item's label), typing (a secret's value revealed only here, on its way into the page), a key,
 * a choice in a native or a custom select, a box checked, a hover, a scroll, a navigation (kept in
 * the scope by the tab), back, a wait. Finding the element and settling the page afterwards are
 * the {@link Tab}'s.
 */
final class ElementActions {
  private final Page page;
  private final Secrets secrets;
  /** Opens a URL through the tab's scope; the error, or null. */
  private final UnaryOperator<String> navigate;

  ElementActions(Page page, Secrets secrets, UnaryOperator<String> navigate) {
    this.page = page;
    this.secrets = secrets;
    this.navigate = navigate;
  }

  /** Where, inside an element, its first visible text is (the middle of its first word). */
  private static final String LABEL_POINT = "e => { const w = document.createTreeWalker(e, "
      + "NodeFilter.SHOW_TEXT, { acceptNode: t => t.textContent.trim() ? 1 : 3 }); "
      + "const t = w.nextNode(); if (!t) return null; const r = document.createRange(); "
      + "r.selectNodeContents(t); const b = r.getBoundingClientRect(); "
      + "const o = e.getBoundingClientRect(); if (!b.width || !b.height) return null; "
      + "return { x: b.left - o.left + Math.min(b.width / 2, 12), "
      + "y: b.top - o.top + b.height / 2 }; }";

  /**
   * Does {@code action} on {@code el} (null for actions on the page: a key, a scroll, a
   * navigation); the error in one line, or null.
   */
  String perform(Action action, Locator el) {
    if (action instanceof Action.Click c) {
      Object at = c.target() != null && "treeitem".equals(c.target().role()) ? el.evaluate(
          LABEL_POINT) : null;
      if (at instanceof java.util.Map<?, ?> p && p.get("x") instanceof Number x
          && p.get("y") instanceof Number y) {
        // a tree item's own label is its first text; its middle may be blank space or its
        // children, and the label is what listens for the click
        el.click(new Locator.ClickOptions().setPosition(x.doubleValue(), y.doubleValue()));
      } else {
        el.click();
      }
    } else if (action instanceof Action.Fill f) {
      // the only place a secret's value exists outside the Secrets: on its way into the page
      el.fill(InputValues.forType(inputType(el), secrets.reveal(f.text())));
    } else if (action instanceof Action.Press p) {
      if (el != null) {
        el.press(p.key());
      } else {
        page.keyboard().press(p.key());
      }
    } else if (action instanceof Action.Select s) {
      return select(el, secrets.reveal(s.option()));
    } else if (action instanceof Action.Check c) {
      el.setChecked(c.checked());
    } else if (action instanceof Action.Hover) {
      el.hover();
    } else if (action instanceof Action.Scroll s) {
      page.mouse().wheel(0, s.deltaY());
    } else if (action instanceof Action.Goto g) {
      return navigate.apply(g.url());
    } else if (action instanceof Action.Back) {
      page.goBack();
    } else if (action instanceof Action.UseSkill) {
      return "use_skill is run by the agent, not the browser";
    }
    return null;
  }

  /**
   * Chooses an option: in a native select box directly; in a custom one (a combobox button, an
   * autocomplete field) by opening it and clicking the option, as a person would.
   */
  private String select(Locator el, String option) {
    // asked as Playwright's actions ask, not by a script in the page's own world (whose first
    // use on a page costs some 50 ms); a list that takes several is asked more
    if (el.and(page.locator("select")).count() > 0) {
      // in a list that takes several, a choice adds to the ones made, as a ctrl-click does
      @SuppressWarnings("unchecked")
      List<String> chosen = el.and(page.locator("select[multiple]")).count() == 0 ? List.of()
          : (List<String>) el.evaluate("e => Array.from(e.selectedOptions).map(o => o.value)");
      if (chosen.isEmpty()) {
        el.selectOption(option);
      } else {
        List<String> values = new java.util.ArrayList<>(chosen);
        Object value = el.evaluate("(e, o) => { const m = Array.from(e.options).find(x => "
            + "x.label === o || x.text.trim() === o || x.value === o); return m ? m.value : o; }",
            option);
        values.add(String.valueOf(value));
        el.selectOption(values.toArray(new String[0]));
      }
      return null;
    }
    // a list box whose options are in sight: click the option itself, not the box (a click on
    // the box's middle would choose whatever option is there)
    Locator shown = el.getByRole(AriaRole.OPTION,
        new Locator.GetByRoleOptions().setName(option).setExact(true))
        .filter(new Locator.FilterOptions().setVisible(true));
    if (shown.count() > 0) {
      shown.first().click();
      return null;
    }
    el.click();
    String list = el.getAttribute("aria-controls");
    Locator scope = list != null && list.matches("[A-Za-z][\\w-]*")
        ? page.locator("#" + list) : page.locator("body");
    Locator choice = scope.getByRole(AriaRole.OPTION,
        new Locator.GetByRoleOptions().setName(option).setExact(true)).first();
    try {
      // the options show a moment after opening: an autocomplete may fetch them
      choice.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE)
          .setTimeout(2_000));
    } catch (PlaywrightException e) {
      page.keyboard().press("Escape");
      return "no option \"" + secrets.redact(option) + "\" to choose";
    }
    choice.click();
    return null;
  }

  /**
   * The HTML type an element says it has (an input's), else the empty string: read as an
   * attribute, as Playwright's actions read one, not by a script in the page's own world.
   */
  private static String inputType(Locator el) {
    String t = el.getAttribute("type");
    return t == null ? "" : t.strip();
  }
}
