package dev.skillwright.envs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wiki's seed articles. Text links to other articles as {@code [[Title]]}; each article's
 * facts are shown in a box that loads after the page; each has a short revision history.
 */
final class WikiData {
  private WikiData() {}

  record Revision(String author, String date, String summary, String text, boolean minor) {}

  record Article(String title, Map<String, String> facts, List<Revision> history) {
    String text() {
      return history.get(history.size() - 1).text();
    }

    String lastEditor() {
      return history.get(history.size() - 1).author();
    }
  }

  /** Editors of the seed revisions, in turn. */
  private static final String[] EDITORS = {"Marta", "Kenji", "Oluwaseun", "Ines"};

  static final List<Article> ARTICLES = List.of(
      a("Mount Etna", "An active stratovolcano on the east coast of [[Sicily]], one of the most "
          + "active volcanoes in the world. See also [[Volcano]].",
          "Height", "3,357 m", "Last eruption", "2025", "Country", "Italy"),
      a("Mount Fuji", "The highest mountain in [[Japan]], a dormant [[Volcano]] about 100 km "
          + "south-west of [[Tokyo]].", "Height", "3,776 m", "Last eruption", "1707",
          "Country", "Japan"),
      a("Volcano", "A rupture in the crust of a planet through which lava, ash and gases escape. "
          + "Famous examples are [[Mount Etna]], [[Mount Fuji]] and [[Kilauea]].",
          "Known types", "Shield, stratovolcano, cinder cone", "Active on Earth", "About 1,350"),
      a("Kilauea", "A shield [[Volcano]] on the Island of Hawaii, among the most active on Earth.",
          "Height", "1,247 m", "Last eruption", "2024", "Country", "United States"),
      a("Sicily", "The largest island in the Mediterranean Sea, home of [[Mount Etna]]. Its "
          + "capital is [[Palermo]].", "Area", "25,711 km²", "Population", "4.8 million",
          "Capital", "Palermo"),
      a("Palermo", "The capital of [[Sicily]], founded by the Phoenicians.",
          "Population", "630,000", "Founded", "734 BC", "Country", "Italy"),
      a("Japan", "An island country in East Asia. Its capital is [[Tokyo]] and its highest "
          + "mountain is [[Mount Fuji]].", "Capital", "Tokyo", "Population", "124 million",
          "Area", "377,975 km²"),
      a("Tokyo", "The capital of [[Japan]] and the most populous metropolitan area in the world.",
          "Population", "14 million", "Country", "Japan", "Founded", "1457"),
      a("Lisbon", "The capital of [[Portugal]], on the estuary of the [[Tagus]].",
          "Population", "545,000", "Country", "Portugal", "Founded", "1200 BC"),
      a("Portugal", "A country on the Iberian Peninsula. Its capital is [[Lisbon]].",
          "Capital", "Lisbon", "Population", "10.6 million", "Area", "92,212 km²"),
      a("Tagus", "The longest river of the Iberian Peninsula, reaching the sea at [[Lisbon]].",
          "Length", "1,007 km", "Mouth", "Atlantic Ocean"),
      a("Amazon River", "The largest river in the world by discharge, flowing through [[Brazil]].",
          "Length", "6,400 km", "Mouth", "Atlantic Ocean"),
      a("Brazil", "The largest country in South America, crossed by the [[Amazon River]].",
          "Capital", "Brasília", "Population", "203 million", "Area", "8,515,767 km²"),
      a("Photosynthesis", "The process by which plants turn light, water and carbon dioxide into "
          + "sugar and oxygen. It takes place in the [[Chloroplast]].",
          "Discovered by", "Jan Ingenhousz", "Year", "1779"),
      a("Chloroplast", "The organelle of plant cells where [[Photosynthesis]] happens.",
          "Found in", "Plants and algae", "Pigment", "Chlorophyll"),
      a("Honey bee", "A social insect known for making honey and pollinating crops. See "
          + "[[Pollination]].", "Lifespan", "6 weeks (workers)", "Colony size", "50,000"),
      a("Pollination", "The transfer of pollen that lets plants make seeds, often by the "
          + "[[Honey bee]].", "Main agents", "Insects, wind, birds"),
      a("Ada Lovelace", "An English mathematician who wrote the first published program, for "
          + "the [[Analytical Engine]].", "Born", "1815", "Died", "1852"),
      a("Analytical Engine", "A mechanical general-purpose computer designed by [[Charles "
          + "Babbage]]; [[Ada Lovelace]] wrote a program for it.", "Designed", "1837"),
      a("Charles Babbage", "An English polymath who designed the [[Analytical Engine]].",
          "Born", "1791", "Died", "1871"),
      a("Grace Hopper", "An American computer scientist who built the first compiler and helped "
          + "create [[COBOL]].", "Born", "1906", "Died", "1992"),
      a("COBOL", "A programming language for business, designed in 1959 with [[Grace Hopper]]'s "
          + "work as its base.", "First appeared", "1959", "Designed by", "CODASYL"),
      a("Zanzibar", "An archipelago off the coast of East Africa, famous for spices.",
          "Capital", "Zanzibar City", "Population", "1.9 million", "Area", "2,461 km²"));

  /**
   * An article with facts as label, value pairs and a three-revision history: created, expanded,
   * then fixed; the last revision's text is the article's.
   */
  private static Article a(String title, String text, String... facts) {
    Map<String, String> f = new LinkedHashMap<>();
    for (int i = 0; i < facts.length; i += 2) {
      f.put(facts[i], facts[i + 1]);
    }
    int h = Math.floorMod(title.hashCode(), EDITORS.length);
    String first = text.contains(". ") ? text.substring(0, text.indexOf(". ") + 1) : text;
    List<Revision> history = List.of(
        new Revision(EDITORS[h], "2026-03-0" + (1 + h), "Created the article", first, false),
        new Revision(EDITORS[(h + 1) % EDITORS.length], "2026-06-1" + h, "Expanded", text, false),
        new Revision(EDITORS[(h + 2) % EDITORS.length], "2026-10-2" + h, "Fixed a typo", text,
            true));
    return new Article(title, java.util.Collections.unmodifiableMap(f), history);
  }
}
