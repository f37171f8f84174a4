package dev.skillwright.envs;

/** HTML escaping and the page frame the bundled sites share. */
final class Html {
  private Html() {}

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String page(String siteTitle, String title, String nav, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · %s</title>
        <style>
          body{font-family:system-ui,sans-serif;margin:0;color:#1d2330}
          header{background:#24324a;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
          header a{color:#fff}
          main{padding:1rem 1.5rem;max-width:60rem}
          .products{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.8rem}
          .products li{border:1px solid #ccd;border-radius:6px;padding:.6rem}
          .flash{background:#e6f4ea;padding:.5rem;border-radius:4px}
          .errors{background:#fdecea;padding:.5rem;border-radius:4px}
          label{display:block;margin:.4rem 0}
          table{border-collapse:collapse} td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
          [role=listbox]{list-style:none;margin:0;padding:0;border:1px solid #99a;background:#fff;position:absolute;z-index:5;min-width:12rem}
          [role=option]{padding:.25rem .5rem;cursor:pointer} [role=option].active,[role=option]:hover{background:#dde6f7}
          [data-dropdown],[data-autocomplete]{position:relative;margin:.4rem 0}
          .chip{display:inline-block;background:#e8eaf3;border-radius:1rem;padding:0 .5rem;margin-right:.3rem}
          .calendar td button{width:2.2rem} .calendar-head{display:flex;gap:.5rem;align-items:center}
          .items{list-style:none;padding:0} .items li{border-bottom:1px solid #ddd;padding:.5rem 0}
          .meta{color:#556;font-size:.9rem}
        </style>
        <script src="/widgets.js" defer></script></head>
        <body><header>%s</header><main>%s</main></body></html>
        """.formatted(esc(title), esc(siteTitle), nav, body);
  }
}
