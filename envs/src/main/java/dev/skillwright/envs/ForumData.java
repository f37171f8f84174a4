package dev.skillwright.envs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The forum's seed data: communities, members, and posts with their comments. Immutable. */
final class ForumData {
  private ForumData() {}

  record Community(String slug, String name, String about) {}

  record Comment(String author, String text) {}

  record Post(int id, String community, String title, String author, int score, int hoursAgo,
      String body, List<Comment> comments) {}

  /** The members who can log in, with their passwords: the demo account is {@code alice}. */
  static final Map<String, String> MEMBERS = Map.of(
      "alice", "tulip-lantern-42", "bob", "quiet-river-7", "carol", "amber-falcon-19");

  static final List<Community> COMMUNITIES = List.of(
      new Community("cooking", "Cooking", "Recipes, techniques and kitchen questions."),
      new Community("gardening", "Gardening", "Growing things, indoors and out."),
      new Community("programming", "Programming", "Code, tools and the craft of software."),
      new Community("books", "Books", "What we are reading, and what we thought of it."));

  static final List<Post> POSTS = List.of(
      post(1, "cooking", "Best way to season a cast iron pan", "bob", 57, 5,
          "I keep getting sticky spots. Oil, heat, repeat: how thin should each coat be?",
          c("carol", "Very thin. Wipe it off as if you made a mistake."),
          c("dmitri", "Flaxseed oil flakes for me; I use shortening.")),
      post(2, "cooking", "My first sourdough loaf", "carol", 88, 30,
          "After three weeks of feeding the starter, it finally rose. Crumb photo inside.",
          c("bob", "That crumb is beautiful."), c("erin", "What hydration?"),
          c("carol", "About 72 percent.")),
      post(3, "cooking", "Knife sharpening angles explained", "dmitri", 41, 50,
          "Western knives like 20 degrees, Japanese ones 15. Here is why it matters."),
      post(4, "cooking", "Weeknight curry in 25 minutes", "erin", 63, 8,
          "Onion, garlic, ginger, a tin of tomatoes and whatever vegetables are left.",
          c("farah", "Add a spoon of peanut butter at the end.")),
      post(5, "cooking", "Why does my risotto turn gluey", "farah", 12, 70,
          "I stir constantly and it still turns to paste.",
          c("bob", "Stop stirring so much, and use less stock at a time.")),
      post(6, "cooking", "Freezing fresh herbs in oil", "bob", 25, 100,
          "Ice cube trays, chopped herbs, olive oil. Works for basil and parsley."),
      post(7, "cooking", "Homemade pasta without a machine", "carol", 34, 140,
          "A rolling pin and patience. Let the dough rest for thirty minutes."),
      post(8, "cooking", "Lemon tart that never cracks", "erin", 19, 200,
          "Bake low and slow, and turn the oven off five minutes early.",
          c("dmitri", "The water bath trick helps too.")),
      post(9, "gardening", "Tomatoes splitting after rain", "dmitri", 45, 3,
          "Every heavy rain and half the crop splits. Anything to do?",
          c("alice", "Water evenly; mulch helps the soil stay moist.")),
      post(10, "gardening", "Composting in a small apartment", "alice", 72, 20,
          "A bokashi bin under the sink has worked for a year now. No smell.",
          c("farah", "Which bran do you use?")),
      post(11, "gardening", "When to prune roses", "farah", 30, 44,
          "Late winter, just as the buds swell. Cut above an outward-facing bud."),
      post(12, "gardening", "Raised bed soil mix", "bob", 22, 90,
          "One third compost, one third topsoil, one third coarse material."),
      post(13, "gardening", "Growing basil indoors all winter", "erin", 51, 120,
          "A south window and a small grow light for the dark months.",
          c("carol", "Pinch the flowers off as soon as they appear.")),
      post(14, "gardening", "Slugs ate my lettuce", "carol", 16, 160,
          "Beer traps caught dozens. Copper tape did nothing."),
      post(15, "programming", "Understanding Rust lifetimes", "dmitri", 96, 2,
          "Lifetimes are not about how long values live but about how long borrows are valid.",
          c("bob", "This finally made it click."), c("erin", "Great write-up.")),
      post(16, "programming", "Tabs versus spaces, once more", "bob", 8, 26,
          "I know. But hear me out."),
      post(17, "programming", "Writing a tiny HTTP server in Java", "alice", 64, 40,
          "The JDK ships one. Here is a router in eighty lines.",
          c("carol", "HttpServer is underrated.")),
      post(18, "programming", "Property-based testing in practice", "erin", 48, 60,
          "Generators found three bugs our example tests missed in a week."),
      post(19, "programming", "Flaky tests and how we killed them", "carol", 77, 80,
          "Time, order and shared state: every flaky test we had was one of these.",
          c("dmitri", "Time is always the culprit."), c("alice", "Inject the clock!")),
      post(20, "programming", "Git bisect saved my week", "farah", 39, 110,
          "Three hundred commits, nine steps, one bad merge."),
      post(21, "programming", "Reading assembly for fun", "dmitri", 14, 150,
          "Compiler Explorer is the best tutorial there is."),
      post(22, "books", "Just finished The Left Hand of Darkness", "erin", 58, 6,
          "The ice journey chapters are some of the best writing I know.",
          c("alice", "Le Guin at her best.")),
      post(23, "books", "Short novels for a long flight", "alice", 37, 36,
          "Looking for something under 200 pages that I will not put down."),
      post(24, "books", "Annotating books: yes or no", "bob", 21, 66,
          "Pencil in the margins feels like a conversation with the author."),
      post(25, "books", "A reading list for learning statistics", "farah", 44, 96,
          "From gentle introductions to the real thing.",
          c("dmitri", "Add Statistical Rethinking.")),
      post(26, "books", "Libraries are underrated", "carol", 83, 130,
          "Free books, free classes, and the quietest room in town."));

  private static Post post(int id, String community, String title, String author, int score,
      int hoursAgo, String body, Comment... comments) {
    return new Post(id, community, title, author, score, hoursAgo, body, List.of(comments));
  }

  private static Comment c(String author, String text) {
    return new Comment(author, text);
  }

  /** The sort orders of a post list, by the value of the "Sort by" choice. */
  static final Map<String, String> SORTS = sorts();

  private static Map<String, String> sorts() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("hot", "Hot");
    m.put("new", "New");
    m.put("top", "Top");
    return m;
  }

  static Comparator<Post> order(String sort) {
    return switch (sort) {
      case "new" -> Comparator.comparingInt(Post::hoursAgo);
      case "top" -> Comparator.comparingInt((Post p) -> -p.score());
      // hot: score discounted by age, as a link aggregator would
      default -> Comparator.comparingDouble((Post p) -> -p.score() / Math.pow(p.hoursAgo() + 2,
          0.8));
    };
  }
}
