package dev.skillwright.browser;

import java.util.function.Supplier;

/**
 * One tab kept between uses, so that the next use need not open a browser context (which costs
 * more than forgetting one): {@link #take} hands back the kept tab made fresh by
 * {@link Tab#forget}, or a new one from its opener when none is kept, or the kept one cannot
 * forget (its context started from a saved login) or fails to (its page or browser died). Every
 * tab it opens comes from the one opener, so keep a spare per scope, secrets and browser, and
 * close it before its browser. Not thread-safe.
 */
public final class SpareTab implements AutoCloseable {
  private final Supplier<Tab> opener;
  private Tab kept;

  /** A spare of the tabs {@code opener} opens ({@code () -> browser.newTab(scope)}). */
  public SpareTab(Supplier<Tab> opener) {
    this.opener = java.util.Objects.requireNonNull(opener, "opener");
  }

  /**
   * A tab as fresh as a new one: the kept one made to forget, else a new one.
   *
   * @throws BrowserException when no new tab opens
   */
  public Tab take() {
    Tab t = kept;
    kept = null;
    if (t != null) {
      try {
        if (t.forget()) {
          return t;
        }
      } catch (RuntimeException e) {
        // a tab that cannot forget is replaced
      }
      t.close();
    }
    return opener.get();
  }

  /**
   * Runs {@code use} on a tab from {@link #take}, and keeps the tab for the next use when
   * {@code use} returns; when it throws, the tab (maybe broken) is closed instead.
   */
  public <T> T with(java.util.function.Function<Tab, T> use) {
    Tab tab = take();
    boolean done = false;
    try {
      T result = use.apply(tab);
      done = true;
      return result;
    } finally {
      if (done) {
        keep(tab);
      } else {
        tab.close();
      }
    }
  }

  /** Keeps {@code tab}, done with, for the next {@link #take}; the one kept before is closed. */
  public void keep(Tab tab) {
    if (kept != null && kept != tab) {
      kept.close();
    }
    kept = tab;
  }

  /** Closes the kept tab, if any. */
  @Override
  public void close() {
    if (kept != null) {
      Tab t = kept;
      kept = null;
      t.close();
    }
  }
}
