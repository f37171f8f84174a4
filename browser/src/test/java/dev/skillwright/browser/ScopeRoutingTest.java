package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pattern Playwright's driver routes by: what it lets go without asking is in the scope,
 * whatever way a URL is spelled; everything else comes to the guard, which decides in full.
 */
class ScopeRoutingTest {
  final Scope scope = Scope.of(List.of("http://127.0.0.1:8080/", "https://shop.example/"));
  final Pattern routed = ScopeGuard.routed(scope);

  boolean routes(String url) {
    return routed.matcher(url).find();
  }

  @Test
  void pages_of_the_scope_are_let_go_in_the_driver() {
    assertThat(routes("http://127.0.0.1:8080/")).isFalse();
    assertThat(routes("http://127.0.0.1:8080")).isFalse();
    assertThat(routes("http://127.0.0.1:8080/cart?item=1#top")).isFalse();
    assertThat(routes("http://127.0.0.1:8080?q=1")).isFalse();
    // Chromium leaves a default port out
    assertThat(routes("https://shop.example/checkout")).isFalse();
    assertThat(routes("https://shop.example:443/checkout")).isFalse();
  }

  @Test
  void every_other_url_is_routed_to_the_guard() {
    for (String url : List.of("http://127.0.0.1:8081/", "http://127.0.0.1:80/",
        "https://127.0.0.1:8080/", "http://127.0.0.1:8080.evil.example/",
        "http://127.0.0.1:8080@evil.example/", "http://127.0.0.1:80800/",
        "http://127.0.0.1/", "https://shop.example.evil/", "https://shop.exampleX/",
        "http://shop.example/", "https://evil.example/?next=https://shop.example/",
        "http://127.0.0.2:8080/", "http://127a0a0a1:8080/", "ws://127.0.0.1:8080/")) {
      assertThat(routes(url)).as(url).isTrue();
    }
  }

  @Test
  void a_dot_in_an_origin_is_a_dot_not_any_character() {
    Pattern p = ScopeGuard.routed(Scope.ofUrl("http://a.b:9/"));
    assertThat(p.matcher("http://a.b:9/x").find()).isFalse();
    assertThat(p.matcher("http://aXb:9/x").find()).isTrue();
  }

  @Test
  void the_pattern_reads_the_same_as_javascript_reads_it() {
    // the driver compiles the source as a JavaScript RegExp: no Java-only constructs
    assertThat(routed.pattern()).doesNotContain("\\Q").doesNotContain("\\E")
        .doesNotContain("(?<").doesNotContain("\\p{");
    assertThat(routed.flags()).isZero();
  }
}
