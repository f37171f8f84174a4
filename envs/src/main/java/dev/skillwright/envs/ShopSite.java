package dev.skillwright.envs;

import static dev.skillwright.envs.Html.esc;

import dev.skillwright.envs.ShopCatalog.Category;
import dev.skillwright.envs.ShopCatalog.Product;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code shop} site: a catalog with categories, sorting and pagination, search, product pages,
 * a cart, a validated checkout form and an order confirmation. Server-rendered HTML with real,
 * accessible markup; no script is needed to use it.
 */
final class ShopSite extends SiteServer<ShopSite.Visitor> {
  static final String COOKIE = "sw_session";
  static final int PAGE_SIZE = 6;

  /** The drift variant: renamed ids and classes, a moved button, labels recased, a wrapper. */
  private final boolean v2;

  /** One visitor's state. Guarded by its own monitor. */
  static final class Visitor {
    final Map<String, Integer> cart = new LinkedHashMap<>();
    final List<Map<String, Object>> orders = new ArrayList<>();
    String flash;
  }

  private ShopSite(boolean v2) {
    super("shop", COOKIE, Visitor::new);
    this.v2 = v2;
  }

  /** The text of v1, or of v2 when this is the drift variant. */
  private String t(String v1, String drifted) {
    return v2 ? drifted : v1;
  }

  static ShopSite start(int port) {
    return start(port, false);
  }

  static ShopSite start(int port, boolean v2) {
    return new ShopSite(v2).listen(port);
  }

  @Override
  public String variant() {
    return v2 ? "v2" : "v1";
  }

  @Override
  public Map<String, Object> groundTruth(String visitor) {
    Visitor v = visitor(visitor);
    if (v == null) {
      return Map.of("cart", Map.of(), "orders", List.of());
    }
    synchronized (v) {
      Map<String, Integer> cart = new LinkedHashMap<>();
      v.cart.forEach((slug, qty) -> cart.put(ShopCatalog.product(slug).orElseThrow().name(), qty));
      return Map.of("cart", cart, "orders", List.copyOf(v.orders));
    }
  }

  // ---- request handling ----

  @Override
  Response respond(Request r, Visitor v) {
    return r.isPost() ? post(r.path(), r.form(), v) : get(r.path(), r.query(), v);
  }

  private Response get(String path, Map<String, String> q, Visitor v) {
    if (path.equals("/")) {
      return html(200, "Home", home(v), v);
    } else if (path.startsWith("/category/")) {
      Optional<Category> c = ShopCatalog.category(path.substring("/category/".length()));
      return c.isEmpty() ? notFound(v) : html(200, c.get().name(), category(c.get(), q), v);
    } else if (path.equals("/search")) {
      String term = q.getOrDefault("q", "").strip();
      return html(200, "Search", search(term), v);
    } else if (path.startsWith("/product/") && path.endsWith("/reviews")) {
      Optional<Product> p = ShopCatalog.product(
          path.substring("/product/".length(), path.length() - "/reviews".length()));
      return p.isEmpty() ? Response.empty(404) : Response.html(200, reviews(p.get()));
    } else if (path.startsWith("/product/")) {
      Optional<Product> p = ShopCatalog.product(path.substring("/product/".length()));
      return p.isEmpty() ? notFound(v) : html(200, p.get().name(), product(p.get()), v);
    } else if (path.equals("/cart")) {
      return html(200, "Your cart", cart(v), v);
    } else if (path.equals("/checkout")) {
      return html(200, "Checkout", checkout(v, Map.of(), List.of()), v);
    } else if (path.startsWith("/order/")) {
      String id = path.substring("/order/".length());
      Optional<Map<String, Object>> order =
          v.orders.stream().filter(o -> o.get("id").equals(id)).findFirst();
      return order.isEmpty() ? notFound(v)
          : html(200, "Order " + id, confirmation(order.get()), v);
    }
    return notFound(v);
  }

  private Response post(String path, Map<String, String> f, Visitor v) {
    switch (path) {
      case "/cart/add" -> {
        Optional<Product> p = ShopCatalog.product(f.getOrDefault("product", ""));
        if (p.isEmpty()) {
          return notFound(v);
        }
        int qty = parseQuantity(f.get("quantity"));
        v.cart.merge(p.get().slug(), qty, Integer::sum);
        v.flash = "Added " + qty + " × " + p.get().name() + " to your cart.";
        return Response.redirect("/cart");
      }
      case "/cart/remove" -> {
        String slug = f.getOrDefault("product", "");
        if (v.cart.remove(slug) != null) {
          v.flash = "Removed " + ShopCatalog.product(slug).map(Product::name).orElse(slug)
              + " from your cart.";
        }
        return Response.redirect("/cart");
      }
      case "/checkout" -> {
        List<String> errors = validate(f, v);
        if (!errors.isEmpty()) {
          return html(422, "Checkout", checkout(v, f, errors), v);
        }
        String id = "SW-" + (1001 + v.orders.size());
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("name", f.get("name").strip());
        order.put("email", f.get("email").strip());
        order.put("shipping", f.getOrDefault("shipping", "standard"));
        Map<String, Integer> items = new LinkedHashMap<>();
        v.cart.forEach((slug, qty) -> items.put(ShopCatalog.product(slug).orElseThrow().name(),
            qty));
        order.put("items", items);
        order.put("totalCents", totalCents(v));
        v.orders.add(Map.copyOf(order));
        v.cart.clear();
        return Response.redirect("/order/" + id);
      }
      default -> {
        return notFound(v);
      }
    }
  }

  private static int parseQuantity(String s) {
    try {
      int q = Integer.parseInt(s == null ? "1" : s.strip());
      return Math.max(1, Math.min(q, 99));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static List<String> validate(Map<String, String> f, Visitor v) {
    List<String> errors = new ArrayList<>();
    if (v.cart.isEmpty()) {
      errors.add("Your cart is empty.");
    }
    if (f.getOrDefault("name", "").isBlank()) {
      errors.add("Enter your full name.");
    }
    String email = f.getOrDefault("email", "").strip();
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      errors.add("Enter a valid email address.");
    }
    if (f.getOrDefault("address", "").isBlank()) {
      errors.add("Enter a shipping address.");
    }
    if (!"on".equals(f.get("terms"))) {
      errors.add("Accept the terms to place the order.");
    }
    return errors;
  }

  private static int totalCents(Visitor v) {
    int total = 0;
    for (var e : v.cart.entrySet()) {
      total += ShopCatalog.product(e.getKey()).orElseThrow().priceCents() * e.getValue();
    }
    return total;
  }

  // ---- pages ----

  private String nav(Visitor v) {
    StringBuilder sb = new StringBuilder("<nav aria-label=\"Main\"><a href=\"/\">Home</a>");
    for (Category c : ShopCatalog.CATEGORIES) {
      sb.append(" <a href=\"/category/").append(c.slug()).append("\">").append(esc(c.name()))
          .append("</a>");
    }
    int items = v.cart.values().stream().mapToInt(Integer::intValue).sum();
    sb.append(" <a href=\"/cart\">Cart (").append(items).append(")</a></nav>");
    String label = t("Search products", "Search Products");
    sb.append("<form role=\"search\" action=\"/search\" method=\"get\">"
        + "<input type=\"search\" name=\"q\" aria-label=\"" + label + "\" "
        + "placeholder=\"" + label + "\"> <button type=\"submit\">Search</button></form>");
    return sb.toString();
  }

  private String home(Visitor v) {
    StringBuilder sb = new StringBuilder("<h1>Welcome to the Skillwright Shop</h1>");
    sb.append("<h2>Shop by category</h2><ul>");
    for (Category c : ShopCatalog.CATEGORIES) {
      sb.append("<li><a href=\"/category/").append(c.slug()).append("\">")
          .append(esc(c.name())).append("</a></li>");
    }
    sb.append("</ul><h2>Featured</h2>");
    sb.append(productList(List.of(ShopCatalog.PRODUCTS.get(0), ShopCatalog.PRODUCTS.get(10),
        ShopCatalog.PRODUCTS.get(16), ShopCatalog.PRODUCTS.get(23))));
    return sb.toString();
  }

  private String productList(List<Product> products) {
    StringBuilder sb = new StringBuilder("<ul class=\"" + t("products", "catalog-grid") + "\">");
    for (Product p : products) {
      sb.append("<li><a href=\"/product/").append(p.slug()).append("\">").append(esc(p.name()))
          .append("</a> <span>").append(p.price()).append("</span></li>");
    }
    return sb.append("</ul>").toString();
  }

  private String category(Category c, Map<String, String> q) {
    String sort = q.getOrDefault("sort", "featured");
    List<Product> all = ShopCatalog.inCategory(c, sort);
    int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page;
    try {
      page = Math.max(1, Math.min(pages, Integer.parseInt(q.getOrDefault("page", "1"))));
    } catch (NumberFormatException e) {
      page = 1;
    }
    StringBuilder sb = new StringBuilder("<h1>").append(esc(c.name())).append("</h1>");
    String id = t("sort", "sort-order");
    sb.append("<form method=\"get\"><label for=\"" + id + "\">" + t("Sort by", "Sort By")
        + "</label> <select id=\"" + id + "\" name=\"sort\">");
    String[][] options = {{"featured", "Featured"}, {"price-asc", "Price: low to high"},
        {"price-desc", "Price: high to low"}, {"name", "Name"}};
    for (String[] o : options) {
      sb.append("<option value=\"").append(o[0]).append('"')
          .append(o[0].equals(sort) ? " selected" : "").append('>').append(o[1])
          .append("</option>");
    }
    sb.append("</select> <button type=\"submit\">Apply</button></form>");
    sb.append(productList(all.subList((page - 1) * PAGE_SIZE,
        Math.min(all.size(), page * PAGE_SIZE))));
    String base = "/category/" + c.slug() + "?sort=" + enc(sort) + "&page=";
    return sb.append(Widgets.pagination(base, page, pages)).toString();
  }

  private String search(String term) {
    if (term.isEmpty()) {
      return "<h1>Search</h1><p>Type a word into the search box.</p>";
    }
    List<Product> found = ShopCatalog.search(term);
    StringBuilder sb = new StringBuilder("<h1>Results for \u201c").append(esc(term))
        .append("\u201d</h1>");
    if (found.isEmpty()) {
      return sb.append("<p>No products match your search.</p>").toString();
    }
    sb.append("<p>").append(found.size()).append(found.size() == 1 ? " product" : " products")
        .append(" found.</p>");
    return sb.append(productList(found)).toString();
  }

  private String product(Product p) {
    StringBuilder sb = new StringBuilder("<article><h1>").append(esc(p.name())).append("</h1>");
    sb.append("<p>Price: ").append(p.price()).append("</p>");
    sb.append("<p>").append(esc(p.description())).append("</p>");
    sb.append("<p>Category: <a href=\"/category/").append(p.category().slug()).append("\">")
        .append(esc(p.category().name())).append("</a></p>");
    String addButton = "<button type=\"submit\">" + t("Add to cart", "Add to Cart") + "</button>";
    sb.append("<form method=\"post\" action=\"/cart/add\">")
        .append("<input type=\"hidden\" name=\"product\" value=\"").append(p.slug())
        .append("\">")
        // v2 moves the button above the fields
        .append(v2 ? "<div class=\"buy-box\">" + addButton + "</div>" : "")
        .append("<label>" + t("Quantity", "QUANTITY") + " <input type=\"number\" "
            + "name=\"quantity\" value=\"1\" min=\"1\" max=\"99\"></label>");
    if (!p.colors().isEmpty()) {
      sb.append("<label>Color <select name=\"color\">");
      for (String c : p.colors()) {
        sb.append("<option>").append(esc(c)).append("</option>");
      }
      sb.append("</select></label>");
    }
    sb.append(v2 ? "" : addButton).append("</form>");
    // reviews come a moment after the page, as on most shops
    sb.append(Widgets.delayed("/product/" + p.slug() + "/reviews", 700, "Reviews",
        "Loading reviews…"));
    return sb.append("</article>").toString();
  }

  /** The reviews fragment: a rating and two reviews, derived from the product's name. */
  private static String reviews(Product p) {
    int h = Math.floorMod(p.slug().hashCode(), 17);
    int count = 3 + h;
    String rating = String.format(Locale.ROOT, "%.1f", 3.4 + (h % 16) / 10.0);
    return "<h2>Reviews</h2><p>Rating: " + rating + " out of 5</p><p>" + count
        + " reviews</p><ul><li>\u201cDoes what it says.\u201d</li>"
        + "<li>\u201cWould buy again.\u201d</li></ul>";
  }

  private String cart(Visitor v) {
    StringBuilder sb = new StringBuilder("<h1>Your cart</h1>");
    if (v.flash != null) {
      sb.append("<p class=\"" + t("flash", "notice") + "\" role=\"status\">").append(esc(v.flash)).append("</p>");
      v.flash = null;
    }
    if (v.cart.isEmpty()) {
      return sb.append("<p>Your cart is empty.</p><p><a href=\"/\">Continue shopping</a> "
          + "<a href=\"/checkout\">Checkout</a></p>").toString();
    }
    sb.append("<table><thead><tr><th>Product</th><th>Quantity</th><th>Price</th><th></th>"
        + "</tr></thead><tbody>");
    for (var e : v.cart.entrySet()) {
      Product p = ShopCatalog.product(e.getKey()).orElseThrow();
      sb.append("<tr><td><a href=\"/product/").append(p.slug()).append("\">")
          .append(esc(p.name())).append("</a></td><td>").append(e.getValue())
          .append("</td><td>").append(p.price()).append("</td><td>")
          .append("<button type=\"button\" data-opens=\"remove-").append(p.slug())
          .append("\" aria-label=\"Remove ").append(esc(p.name())).append("\">Remove</button>")
          .append(Widgets.dialog("remove-" + p.slug(), "Remove " + p.name() + " from your cart?",
              "<form method=\"post\" action=\"/cart/remove\"><input type=\"hidden\" "
              + "name=\"product\" value=\"" + p.slug() + "\"><button type=\"submit\">Yes, "
              + "remove it</button></form>"))
          .append("</td></tr>");
    }
    sb.append("</tbody></table>");
    sb.append("<p>Total: ").append(money(totalCents(v))).append("</p>");
    return sb.append("<p><a href=\"/checkout\">Checkout</a></p>").toString();
  }

  private String checkout(Visitor v, Map<String, String> f, List<String> errors) {
    StringBuilder sb = new StringBuilder("<h1>Checkout</h1>");
    if (!errors.isEmpty()) {
      sb.append("<div class=\"" + t("errors", "form-errors") + "\" role=\"alert\"><p>Please correct the following:</p><ul>");
      errors.forEach(e -> sb.append("<li>").append(esc(e)).append("</li>"));
      sb.append("</ul></div>");
    }
    sb.append("<p>Items in cart: ").append(v.cart.values().stream().mapToInt(i -> i).sum())
        .append(", total ").append(money(totalCents(v))).append("</p>");
    sb.append("<form method=\"post\" action=\"/checkout\" novalidate>");
    sb.append(field("name", t("Full name", "Full Name"), "text", f));
    sb.append(field("email", "Email", "email", f));
    sb.append(field("address", t("Shipping address", "Shipping Address"), "text", f));
    String shipping = f.getOrDefault("shipping", "standard");
    sb.append("<label>" + t("Shipping method", "Shipping Method") + " <select name=\"shipping\">")
        .append("<option value=\"standard\"").append(shipping.equals("standard") ? " selected" : "")
        .append(">Standard (free)</option>")
        .append("<option value=\"express\"").append(shipping.equals("express") ? " selected" : "")
        .append(">Express ($9.00)</option></select></label>");
    sb.append("<label><input type=\"checkbox\" name=\"terms\"")
        .append("on".equals(f.get("terms")) ? " checked" : "")
        .append("> I accept the terms and conditions</label>");
    return sb.append("<button type=\"submit\">" + t("Place order", "Place Order")
        + "</button></form>").toString();
  }

  private String field(String name, String label, String type, Map<String, String> f) {
    return "<label>" + esc(label) + " <input type=\"" + type + "\" name=\"" + name
        + "\" value=\"" + esc(f.getOrDefault(name, "")) + "\"></label>";
  }

  private static String confirmation(Map<String, Object> order) {
    return "<h1>Thank you for your order</h1><p role=\"status\">Order " + esc((String) order.get("id"))
        + " is confirmed.</p><p>A receipt goes to " + esc((String) order.get("email"))
        + ".</p><p>Total paid: " + money((Integer) order.get("totalCents"))
        + "</p><p><a href=\"/\">Continue shopping</a></p>";
  }

  private static String money(int cents) {
    return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
  }

  // ---- plumbing ----

  private Response html(int status, String title, String body, Visitor v) {
    // v2 wraps every page's content in two more elements, which moves every CSS path
    String content = v2 ? "<div class=\"layout\"><section class=\"content\">" + body
        + "</section></div>" : body;
    return Response.html(status, Html.page("Skillwright Shop", title, nav(v), content));
  }

  private Response notFound(Visitor v) {
    return html(404, "Not found", "<h1>Page not found</h1><p><a href=\"/\">Go home</a></p>", v);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
