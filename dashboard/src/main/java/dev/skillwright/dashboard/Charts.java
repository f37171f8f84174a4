package dev.skillwright.dashboard;

import java.util.List;
import java.util.Locale;

/** Small line charts drawn as inline SVG on the server: numbers in, markup out. */
final class Charts {
  static final int W = 520;
  static final int H = 160;
  static final int PAD = 30;
  /** Room on the left for the y labels. */
  static final int LEFT = 44;

  private Charts() {}

  /**
   * A line through {@code ys} at equal steps, with the y axis from 0 to {@code yMax}.
   *
   * @param label a caption, escaped
   */
  static Template.Safe line(String label, List<Double> ys, double yMax, String yUnit) {
    StringBuilder points = new StringBuilder();
    int n = ys.size();
    for (int i = 0; i < n; i++) {
      double x = LEFT + (n == 1 ? 0 : (W - LEFT - PAD) * (double) i / (n - 1));
      double y = H - PAD - (H - 2.0 * PAD) * Math.min(1, ys.get(i) / Math.max(yMax, 1e-9));
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    String last = n == 0 ? "no data yet" : String.format(Locale.ROOT, "%.0f%s", ys.get(n - 1), yUnit);
    return Template.of("""
        <figure class="chart"><svg viewBox="0 0 {{w}} {{h}}" role="img" aria-label="{{label}}">
        <line x1="{{left}}" y1="{{bottom}}" x2="{{right}}" y2="{{bottom}}" class="axis"/>
        <line x1="{{left}}" y1="{{pad}}" x2="{{left}}" y2="{{bottom}}" class="axis"/>
        <text x="2" y="{{top}}" class="tick">{{ymax}}</text><text x="2" y="{{bottom}}" class="tick">0</text>
        <polyline points="{{points}}" class="series"/></svg>
        <figcaption>{{label}}: {{last}}</figcaption></figure>
        """).render(java.util.Map.ofEntries(java.util.Map.entry("w", W), java.util.Map.entry("h", H),
        java.util.Map.entry("pad", PAD), java.util.Map.entry("left", LEFT),
        java.util.Map.entry("bottom", H - PAD),
        java.util.Map.entry("right", W - PAD), java.util.Map.entry("top", PAD + 4),
        java.util.Map.entry("ymax", String.format(Locale.ROOT, "%.0f%s", yMax, yUnit)),
        java.util.Map.entry("points", points.toString().strip()),
        java.util.Map.entry("label", label), java.util.Map.entry("last", last)));
  }
}
