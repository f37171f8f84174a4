package dev.skillwright.proposer;

import dev.skillwright.browser.Tab;
import dev.skillwright.proposer.SiteContext.Field;
import dev.skillwright.proposer.SiteContext.Form;
import dev.skillwright.proposer.SiteContext.Item;
import dev.skillwright.proposer.SiteContext.Link;
import dev.skillwright.proposer.SiteContext.Option;
import dev.skillwright.proposer.SiteContext.PageSummary;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gathers a site's context: a breadth-first walk over in-scope links from the start page, reading
 * each page's headings, links, priced items (from the aria snapshot, as the agent sees them) and
 * forms (from the DOM, for their fields' names and options). It only follows links: it never
 * submits a form.
 */
public final class SiteCrawler {
  private static final Pattern PRICE = Pattern.compile("[$€£]\\s?\\d[\\d,]*(\\.\\d\\d)?");
  private static final String FORMS = """
      () => Array.from(document.forms).map(f => {
        const textOf = el => {
          const own = l => Array.from(l.childNodes).filter(n => n.nodeType === 3)
              .map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
          const l = el.labels && el.labels[0];
          return (l && own(l)) || el.getAttribute('aria-label') || el.placeholder || el.name;
        };
        return {
          method: (f.getAttribute('method') || 'get').toLowerCase(),
          action: f.action,
          search: f.getAttribute('role') === 'search'
              || !!f.querySelector('input[type=search]'),
          fields: Array.from(f.elements)
              .filter(e => e.name && !['hidden', 'submit', 'button'].includes(e.type)
                  && e.tagName !== 'BUTTON')
              .map(e => ({
                name: e.name,
                label: textOf(e),
                type: e.tagName === 'SELECT' ? 'select' : (e.type || 'text'),
                options: e.tagName === 'SELECT' ? Array.from(e.options).map(o =>
                    ({value: o.value, label: o.text.trim(), selected: o.selected})) : []
              })),
          // the buttons that submit it and can be seen: not one inside a closed dialog
          buttons: Array.from(f.querySelectorAll('button:not([type=button]), input[type=submit]'))
              .filter(b => b.checkVisibility())
              .map(b => (b.getAttribute('aria-label') || b.innerText || b.value || '').trim())
              .filter(Boolean)
        };
      })
      """;

  private SiteCrawler() {}

  /**
   * Crawls up to {@code maxPages} pages from {@code startUrl} in the tab's scope. Structural links
   * (navigation, categories, the cart) go first; item pages (a product, an article) fill what is
   * left, since one item page shows what the others look like.
   */
  public static SiteContext crawl(Tab tab, String site, String startUrl, int maxPages) {
    return crawl(tab, site, startUrl, maxPages, pages -> { });
  }

  /**
   * {@link #crawl(Tab, String, String, int)}, telling {@code read} the pages read so far after
   * each page.
   */
  public static SiteContext crawl(Tab tab, String site, String startUrl, int maxPages,
      java.util.function.Consumer<List<PageSummary>> read) {
    Deque<String> structural = new ArrayDeque<>(List.of(startUrl));
    Deque<String> itemPages = new ArrayDeque<>();
    Set<String> seen = new LinkedHashSet<>(List.of(normalize(startUrl)));
    List<PageSummary> pages = new ArrayList<>();
    while (pages.size() < maxPages && !(structural.isEmpty() && itemPages.isEmpty())) {
      String url = structural.isEmpty() ? itemPages.poll() : structural.poll();
      if (!tab.navigate(url).ok()) {
        continue;
      }
      PageSummary page = summarize(tab, tab.observeText());
      pages.add(page);
      read.accept(List.copyOf(pages));
      Set<String> items = new java.util.HashSet<>();
      page.items().forEach(i -> items.add(i.url()));
      for (Link l : page.links()) {
        if (tab.scope().allows(l.url()) && seen.add(normalize(l.url()))) {
          (items.contains(l.url()) ? itemPages : structural).add(l.url());
        }
      }
    }
    tab.drainBlocks();
    return new SiteContext(site, startUrl, pages, List.of(), List.of(), List.of());
  }

  static PageSummary summarize(Tab tab, Observation obs) {
    AriaSnapshot snap = obs.snapshot();
    List<String> headings = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    for (Node n : snap.nodes()) {
      if (n.is("heading")) {
        headings.add(n.name());
      } else if (n.is("link") && n.url() != null && !n.name().isBlank()) {
        links.add(new Link(n.name(), resolve(obs.url(), n.url())));
      } else if (n.is("listitem")) {
        item(snap, n, obs.url()).ifPresent(items::add);
      }
    }
    return new PageSummary(obs.url(), obs.title(), headings, links, items, forms(tab));
  }

  /** A list entry with a link and details besides it (a price, a summary) is an item. */
  private static java.util.Optional<Item> item(AriaSnapshot snap, Node li, String base) {
    Node link = null;
    String price = null;
    boolean details = false;
    for (Node d : snap.descendants(li)) {
      if (link == null && d.is("link") && d.url() != null) {
        link = d;
        continue;
      }
      boolean insideLink = link != null && d.depth() > link.depth()
          && snap.descendants(link).contains(d);
      for (String text : new String[] {d.value(), d.name()}) {
        if (text == null || text.isBlank() || insideLink) {
          continue;
        }
        details = true;
        var m = PRICE.matcher(text);
        if (price == null && m.find()) {
          price = m.group();
        }
      }
    }
    return link == null || !details ? java.util.Optional.empty()
        : java.util.Optional.of(new Item(link.name(), resolve(base, link.url()), price));
  }

  @SuppressWarnings("unchecked")
  private static List<Form> forms(Tab tab) {
    List<Form> out = new ArrayList<>();
    Object raw = tab.evaluate(FORMS);
    if (!(raw instanceof List<?> list)) {
      return out;
    }
    for (Object o : list) {
      Map<String, Object> f = (Map<String, Object>) o;
      List<Field> fields = new ArrayList<>();
      for (Object fo : (List<Object>) f.get("fields")) {
        Map<String, Object> fm = (Map<String, Object>) fo;
        List<Option> options = new ArrayList<>();
        for (Object oo : (List<Object>) fm.get("options")) {
          Map<String, Object> om = (Map<String, Object>) oo;
          options.add(new Option(String.valueOf(om.get("value")), String.valueOf(om.get("label")),
              Boolean.TRUE.equals(om.get("selected"))));
        }
        fields.add(new Field(String.valueOf(fm.get("name")), String.valueOf(fm.get("label")),
            String.valueOf(fm.get("type")), options));
      }
      out.add(new Form(String.valueOf(f.get("method")), String.valueOf(f.get("action")),
          Boolean.TRUE.equals(f.get("search")), fields,
          ((List<Object>) f.get("buttons")).stream().map(String::valueOf).toList()));
    }
    return out;
  }

  static String resolve(String base, String href) {
    try {
      return URI.create(base).resolve(href.strip()).toString();
    } catch (IllegalArgumentException e) {
      return href;
    }
  }

  private static String normalize(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }
}
