package dev.skillwright.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Task;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineProposerTest {
  Site shop;
  SiteContext context;

  @BeforeAll
  void crawl() {
    shop = Sites.start("shop");
    try (BrowserSession browser = BrowserSession.launch(BrowserConfig.defaults());
        Tab tab = browser.newTab(Scope.ofUrl(shop.baseUrl()))) {
      context = SiteCrawler.crawl(tab, "shop", shop.baseUrl(), 16);
    }
  }

  @AfterAll
  void stop() {
    shop.close();
  }

  @Test
  void the_crawl_reads_structure_first_and_collects_affordances() {
    assertThat(context.pages()).hasSize(16);
    assertThat(context.pages()).extracting(p -> p.url().substring(shop.baseUrl().length() - 1))
        .contains("/", "/category/kitchen", "/cart", "/checkout");
    SiteContext.PageSummary kitchen = context.pages().stream()
        .filter(p -> p.url().endsWith("/category/kitchen")).findFirst().orElseThrow();
    assertThat(kitchen.items()).contains(new SiteContext.Item("Blue Ceramic Mug",
        shop.baseUrl() + "product/blue-ceramic-mug", "$12.00"));
    assertThat(kitchen.forms()).anySatisfy(f -> {
      assertThat(f.method()).isEqualTo("get");
      assertThat(f.fields()).singleElement().satisfies(field -> {
        assertThat(field.label()).isEqualTo("Sort by");
        assertThat(field.options()).extracting(SiteContext.Option::label)
            .contains("Price: low to high");
      });
    });
    SiteContext.PageSummary home = context.pages().get(0);
    assertThat(home.items()).extracting(SiteContext.Item::name)
        .doesNotContain("Kitchen").contains("Blue Ceramic Mug");
  }

  @Test
  void tasks_are_diverse_concrete_and_state_how_success_shows() {
    List<Task> tasks = Proposer.offline(7).propose(context, 14).tasks();

    assertThat(tasks).hasSize(14);
    assertThat(tasks).extracting(Task::instruction).doesNotHaveDuplicates();
    Set<String> kinds = tasks.stream().map(t -> t.instruction().split(" ")[0])
        .collect(Collectors.toSet());
    assertThat(kinds).contains("Go", "Search", "Add", "What");
    assertThat(tasks).allSatisfy(t -> {
      assertThat(t.success().isEmpty()).isFalse();
      assertThat(t.startUrl()).isEqualTo(shop.baseUrl());
      t.params().values().forEach(v -> assertThat(t.instruction()).contains("\"" + v + "\""));
    });
    assertThat(tasks).anySatisfy(t -> assertThat(t.success().all())
        .anyMatch(c -> c instanceof Condition.ElementState));
    assertThat(tasks).anySatisfy(t -> assertThat(t.success().all())
        .anyMatch(c -> c instanceof Condition.AnswerContains));
  }

  @Test
  void the_same_seed_proposes_the_same_tasks_and_another_seed_others() {
    List<Task> a = Proposer.offline(42).propose(context, 10).tasks();
    List<Task> b = Proposer.offline(42).propose(context, 10).tasks();
    List<Task> c = Proposer.offline(43).propose(context, 10).tasks();

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void known_instructions_are_not_proposed_again() {
    List<Task> first = Proposer.offline(7).propose(context, 6).tasks();
    SiteContext later = context.withKnown(
        first.stream().map(Task::instruction).toList(), List.of());

    List<Task> second = Proposer.offline(7).propose(later, 6).tasks();
    assertThat(second).extracting(Task::instruction)
        .doesNotContainAnyElementsOf(first.stream().map(Task::instruction).toList());
  }
}
