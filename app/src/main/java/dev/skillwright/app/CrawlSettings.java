package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.Scope;
import java.nio.file.Path;

/**
 * Everything a discovery session runs with. Built by the command line from its flags; validated
 * there, so every value here is usable.
 *
 * @param site the site's name: a bundled env's name, or a user's URL's origin (or --site)
 * @param startUrl where crawling and every episode start
 * @param budget how many tasks to propose and run
 * @param pages how many pages the proposer crawls for context
 * @param allowDestructive whether exploring may try controls that look destructive
 * @param exploreSeconds how long exploring may take: 0 skips it, -1 sizes it to the budget
 */
record CrawlSettings(
    String site,
    String startUrl,
    Scope scope,
    int budget,
    long seed,
    int maxSteps,
    int concurrency,
    int pages,
    Path dataDir,
    BrowserConfig browser,
    boolean allowDestructive,
    int exploreSeconds) {

  /** Settings that explore nothing destructive, for as long as the budget asks. */
  CrawlSettings(String site, String startUrl, Scope scope, int budget, long seed, int maxSteps,
      int concurrency, int pages, Path dataDir, BrowserConfig browser) {
    this(site, startUrl, scope, budget, seed, maxSteps, concurrency, pages, dataDir, browser,
        false, -1);
  }
}
