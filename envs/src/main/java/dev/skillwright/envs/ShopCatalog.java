package dev.skillwright.envs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The shop's fixed seed catalog: the same products, prices and order on every start. */
final class ShopCatalog {
  record Category(String slug, String name) {}

  record Product(String slug, String name, Category category, int priceCents, String description,
      List<String> colors) {
    String price() {
      return String.format(Locale.ROOT, "$%d.%02d", priceCents / 100, priceCents % 100);
    }
  }

  static final List<Category> CATEGORIES = List.of(
      new Category("kitchen", "Kitchen"),
      new Category("office", "Office"),
      new Category("garden", "Garden"),
      new Category("books", "Books"));

  static final List<Product> PRODUCTS;

  static {
    String[][] rows = {
      // category, name, price in cents, colors (| separated, may be empty), description
      {"kitchen", "Blue Ceramic Mug", "1200", "Blue|White", "A sturdy 350 ml mug for coffee or tea."},
      {"kitchen", "Red Enamel Teapot", "3450", "", "Holds one litre; keeps tea warm for an hour."},
      {"kitchen", "Bamboo Cutting Board", "2200", "", "Large board with a juice groove."},
      {"kitchen", "Steel Chef Knife", "4999", "", "A 20 cm knife, balanced and sharp."},
      {"kitchen", "Glass Salad Bowl", "1899", "", "A clear bowl that serves six."},
      {"kitchen", "Green Espresso Cup", "850", "Green|Black", "A small cup for a strong coffee."},
      {"kitchen", "Cast Iron Skillet", "3900", "", "Pre-seasoned, oven safe."},
      {"kitchen", "Wooden Spoon Set", "1450", "", "Three beech spoons."},
      {"kitchen", "Striped Tea Towel", "699", "Blue|Red", "Cotton, 50 by 70 cm."},
      {"office", "Lined Notebook", "599", "Black|Red", "A5, 120 pages, lay-flat binding."},
      {"office", "Brass Desk Lamp", "5400", "", "Warm light with an adjustable arm."},
      {"office", "Heavy Stapler", "1999", "", "Staples up to 40 sheets."},
      {"office", "Fountain Pen Set", "2899", "Black|Blue", "One pen and six ink cartridges."},
      {"office", "Oak Monitor Stand", "4500", "", "Raises a screen by 12 cm."},
      {"office", "Cork Pin Board", "1550", "", "60 by 45 cm with pins."},
      {"office", "Paper Tray", "1100", "", "Stackable, holds A4."},
      {"garden", "Zinc Watering Can", "2650", "", "Five litres with a brass rose."},
      {"garden", "Hand Trowel", "1299", "", "Stainless steel with an ash handle."},
      {"garden", "Terracotta Plant Pot", "950", "", "20 cm across, with a drainage hole."},
      {"garden", "Garden Hose", "3599", "Green|Yellow", "Fifteen metres, kink resistant."},
      {"garden", "Wooden Bird Feeder", "2100", "", "Hangs from a branch; holds 1 kg of seed."},
      {"garden", "Pruning Shears", "2450", "", "Bypass blades for stems up to 2 cm."},
      {"books", "The Quiet Garden", "1699", "", "A year of planting in a small yard."},
      {"books", "Coffee at Dawn", "1399", "", "Essays on mornings and the first cup."},
      {"books", "Practical Knife Skills", "2299", "", "Cut, slice and dice like a cook."},
      {"books", "Letters to a Young Maker", "1850", "", "Advice on building things by hand."},
      {"books", "Birds of the Back Yard", "2050", "", "An illustrated field guide."},
    };
    List<Product> out = new ArrayList<>();
    for (String[] r : rows) {
      Category c = CATEGORIES.stream().filter(x -> x.slug().equals(r[0])).findFirst()
          .orElseThrow();
      List<String> colors = r[3].isEmpty() ? List.of() : List.of(r[3].split("\\|"));
      out.add(new Product(slug(r[1]), r[1], c, Integer.parseInt(r[2]), r[4], colors));
    }
    PRODUCTS = List.copyOf(out);
  }

  private ShopCatalog() {}

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  static Optional<Product> product(String slug) {
    return PRODUCTS.stream().filter(p -> p.slug().equals(slug)).findFirst();
  }

  static Optional<Category> category(String slug) {
    return CATEGORIES.stream().filter(c -> c.slug().equals(slug)).findFirst();
  }

  static List<Product> inCategory(Category c, String sort) {
    Comparator<Product> order = switch (sort) {
      case "price-asc" -> Comparator.comparingInt(Product::priceCents);
      case "price-desc" -> Comparator.comparingInt(Product::priceCents).reversed();
      case "name" -> Comparator.comparing(Product::name);
      default -> (a, b) -> 0;
    };
    return PRODUCTS.stream().filter(p -> p.category().equals(c)).sorted(order).toList();
  }

  /** Products whose name or description contains every word of the query. */
  static List<Product> search(String query) {
    String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
    return PRODUCTS.stream().filter(p -> {
      String hay = (p.name() + " " + p.description()).toLowerCase(Locale.ROOT);
      for (String w : words) {
        if (!w.isEmpty() && !hay.contains(w)) {
          return false;
        }
      }
      return true;
    }).toList();
  }
}
