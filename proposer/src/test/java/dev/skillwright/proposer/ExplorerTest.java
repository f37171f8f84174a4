package dev.skillwright.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real Chromium exploring small single-page apps of our own, with a server outside the scope. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerTest {
  BrowserSession browser;
  PageServer site;
  PageServer outside;

  @BeforeAll
  void start() {
    browser = BrowserSession.launch(BrowserConfig.defaults());
    outside = new PageServer().page("/x", "<h1>Outside</h1>");
    site = new PageServer();
    site.page("/", ExplorerPages.LIST.formatted(outside.url("/x")))
        .redirect("/away", outside.url("/x"));
  }

  @AfterAll
  void stop() {
    browser.close();
    site.close();
    outside.close();
  }

  /** The two explorations, made once for the class: they are the expensive part. */
  private final java.util.Map<Boolean, Exploration> explored = new java.util.HashMap<>();

  Exploration explore(boolean allowDestructive) {
    return explored.computeIfAbsent(allowDestructive, this::exploreNow);
  }

  private Exploration exploreNow(boolean allowDestructive) {
    Scope scope = Scope.ofUrl(site.url("/"));
    return Explorer.explore(() -> browser.newScratchTab(scope), site.url("/"),
        new Explorer.Limits(40, 80, 4, java.time.Duration.ofSeconds(180), 3, allowDestructive));
  }

  @Test
  void walks_are_labelled_from_what_they_visibly_changed() {
    Exploration e = explore(false);
    e.walks().forEach(w -> System.out.println(w.instruction() + "  ==> " + w.success().describe()
        + "  " + w.params()));
    System.out.println(e.skipped());
    System.out.println(e.actions() + " actions");
    assertThat(e.walks()).extracting(Exploration.Walk::instruction).contains(
        "Type \"Buy oat milk\" into the \"New errand\" field and press Enter.",
        "Check the \"Compact view\" checkbox.",
        "Expand the \"Help\" section.",
        "Select \"Newest first\" from the \"Order\" list.");
    Exploration.Walk typed = e.walks().stream()
        .filter(w -> w.instruction().startsWith("Type \"Buy oat milk\"")).findFirst()
        .orElseThrow();
    assertThat(typed.success().all()).contains(new Condition.TextPresent("Buy oat milk"));
    assertThat(typed.params()).containsEntry("text", "Buy oat milk");
    assertThat(e.walks()).anySatisfy(w -> {
      assertThat(w.instruction()).startsWith("Type \"Buy oat milk\"")
          .contains(", then check the \"Done: Buy oat milk\" checkbox");
      assertThat(w.success().all()).contains(
          new Condition.ElementState("checkbox", "Done: Buy oat milk", State.CHECKED, null));
    });
    assertThat(e.walks()).anySatisfy(w -> assertThat(w.instruction())
        .isEqualTo("Click the \"Open\" link.")
        .satisfies(i -> assertThat(w.success().all())
            .contains(new Condition.UrlMatches("*/#/open"))));
    assertThat(e.walks()).anySatisfy(w -> {
      assertThat(w.instruction()).isEqualTo("Click the \"Settings\" button.");
      assertThat(w.success().all())
          .containsExactly(new Condition.ElementState("dialog", "", State.PRESENT, null));
    });
    // opening and closing the dialog changes nothing that lasts: no label to check it by
    assertThat(e.walks()).noneSatisfy(w -> assertThat(w.instruction())
        .endsWith("then close the \"Settings\" dialog."));
    assertThat(e.skipped()).contains("link \"Elsewhere\": out of scope");
  }

  @Test
  void exploring_never_leaves_the_scope() {
    assertThat(explore(false).skipped()).contains("link \"Elsewhere\": out of scope");
    explore(true);
    assertThat(outside.hits).isEmpty();
  }

  @Test
  void destructive_controls_are_left_alone_unless_allowed() {
    Exploration safe = explore(false);
    assertThat(safe.walks()).noneSatisfy(w -> assertThat(w.instruction()).containsAnyOf(
        "Remove sample", "Delete all"));
    assertThat(safe.skipped()).anySatisfy(s -> assertThat(s).startsWith("button \"Remove sample\": destructive"));

    Exploration bold = explore(true);
    assertThat(bold.walks()).anySatisfy(w -> {
      assertThat(w.instruction()).isEqualTo("Click the \"Remove sample\" button.");
      assertThat(w.destructive()).isTrue();
      assertThat(w.success().all()).contains(new Condition.TextPresent("Sample removed."));
    });
  }

  @Test
  void a_walk_that_stops_repeating_ends_without_losing_what_was_found() {
    // the "Open" button is there on the first two loads only: the second chain cannot be
    // replayed for its second control
    String panel = "<div id=p hidden><button onclick=\"o.textContent='Alpha shown'\">Alpha</button>"
        + "<button onclick=\"o.textContent='Beta shown'\">Beta</button><p id=o></p></div>";
    site.changing("/fickle", visit -> (visit <= 2
        ? "<button onclick=\"p.hidden=false;this.textContent='Opened'\">Open</button>" : "")
        + panel);
    Exploration e = Explorer.explore(() -> browser.newScratchTab(Scope.ofUrl(site.url("/"))),
        site.url("/fickle"),
        new Explorer.Limits(10, 30, 3, java.time.Duration.ofSeconds(60), 3, false));
    assertThat(e.walks()).extracting(Exploration.Walk::instruction)
        .contains("Click the \"Open\" button.")
        .anySatisfy(i -> assertThat(i).startsWith("Click the \"Open\" button, then click the"));
  }

  @Test
  void a_walk_of_links_is_taken_up_again_at_the_page_it_reached_without_its_moves() {
    site.page("/hub", "<h1>Hub</h1><a href=\"/hub/catalog\">Catalog</a>")
        .page("/hub/catalog", "<h1>Catalog</h1>"
            + "<button onclick=\"o.textContent='Alpha shown'\">Alpha</button>"
            + "<button onclick=\"o.textContent='Beta shown'\">Beta</button><p id=o></p>");
    Exploration e = Explorer.explore(() -> browser.newScratchTab(Scope.ofUrl(site.url("/"))),
        site.url("/hub"), new Explorer.Limits(10, 30, 3, java.time.Duration.ofSeconds(60), 2,
            false));

    assertThat(e.walks()).extracting(Exploration.Walk::instruction).contains(
        "Go to the \"Catalog\" page, then click the \"Alpha\" button.",
        "Go to the \"Catalog\" page, then click the \"Beta\" button.");
    // each button after the link was tried on the catalog opened by its address: the start
    // page loaded once, the catalog once for the link and once for each button
    assertThat(site.hits.stream().filter("/hub"::equals)).hasSize(1);
    assertThat(site.hits.stream().filter("/hub/catalog"::equals)).hasSize(3);
  }

  @Test
  void a_walk_whose_page_needs_what_its_moves_did_is_done_again_from_the_start() {
    // the account page shows its controls only to a visitor the start page signed in
    site.page("/door", "<h1>Door</h1><button onclick=\"localStorage.setItem('in', '1');"
            + " location.href='/door/account'\">Sign in</button>")
        .page("/door/account", "<h1>Account</h1><div id=c></div><p id=o></p><script>"
            + "c.innerHTML = localStorage.getItem('in') ? '<button onclick=\"o.textContent=\\'"
            + "Alpha shown\\'\">Alpha</button><button onclick=\"o.textContent=\\'Beta shown"
            + "\\'\">Beta</button>' : '<p>Please sign in</p>';</script>");
    Exploration e = Explorer.explore(() -> browser.newScratchTab(Scope.ofUrl(site.url("/"))),
        site.url("/door"), new Explorer.Limits(10, 30, 3, java.time.Duration.ofSeconds(60), 2,
            false));

    assertThat(e.walks()).extracting(Exploration.Walk::instruction).contains(
        "Click the \"Sign in\" button, then click the \"Alpha\" button.",
        "Click the \"Sign in\" button, then click the \"Beta\" button.");
    // the address alone showed "Please sign in" once; after that the walk's moves were done
    assertThat(site.hits.stream().filter("/door"::equals).count()).isGreaterThanOrEqualTo(3);
  }

  private Exploration exploreUntil(Explorer.Enough enough) {
    return Explorer.explore(() -> browser.newScratchTab(Scope.ofUrl(site.url("/"))),
        site.url("/"), new Explorer.Limits(40, 80, 4, java.time.Duration.ofSeconds(180), 3,
            false), enough);
  }

  @Test
  void told_its_walks_are_enough_it_ends_there_with_the_first_walks() {
    Exploration all = explore(false);
    Exploration two = exploreUntil(walks -> walks.size() >= 2);

    assertThat(two.walks()).isEqualTo(all.walks().subList(0, 2));
    assertThat(two.actions()).isPositive().isLessThan(all.actions());
  }

  @Test
  void told_late_it_keeps_what_it_would_have_had_if_told_at_once() {
    // the caller learns what is enough only after exploring found more (a crawl ending late)
    java.util.concurrent.atomic.AtomicBoolean told =
        new java.util.concurrent.atomic.AtomicBoolean();
    Exploration late = exploreUntil(walks -> {
      if (walks.size() >= 4) {
        told.set(true);
      }
      return told.get() && walks.size() >= 2;
    });
    Exploration atOnce = exploreUntil(walks -> walks.size() >= 2);

    assertThat(told).isTrue();
    assertThat(late).isEqualTo(atOnce);
    assertThat(late.walks()).hasSize(2);
    // told to stop before the first walk (the crawl beside it failed): nothing at all
    assertThat(exploreUntil(walks -> true)).isEqualTo(Exploration.none());
  }

  @Test
  void a_small_crawl_explores_in_proportion() {
    Explorer.Limits d = Explorer.Limits.defaults();

    assertThat(d.forBudget(1)).isEqualTo(new Explorer.Limits(8, 30, 8,
        java.time.Duration.ofSeconds(20), 4, false));
    assertThat(d.forBudget(7)).isEqualTo(new Explorer.Limits(21, 90, 8,
        java.time.Duration.ofSeconds(50), 4, false));
    assertThat(d.forBudget(100)).isEqualTo(d);
  }
}
