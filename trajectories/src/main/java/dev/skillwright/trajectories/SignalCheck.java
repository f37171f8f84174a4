package dev.skillwright.trajectories;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.AriaSnapshot.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@link SuccessSignal} against a final state: the URL, the aria snapshot and the
 * answer. Pure and thread-safe; the offline evaluator and skill verification share it.
 */
public final class SignalCheck {
  private SignalCheck() {}

  /** The conditions that do not hold, each described; empty when all hold. */
  public static List<String> unmet(SuccessSignal signal, String url, AriaSnapshot page,
      String answer) {
    List<String> out = new ArrayList<>();
    for (Condition c : signal.all()) {
      if (!holds(c, url, page, answer)) {
        out.add(c.describe());
      }
    }
    return out;
  }

  public static boolean holds(Condition c, String url, AriaSnapshot page, String answer) {
    if (c instanceof Condition.UrlMatches u) {
      return url != null && glob(u.glob()).matcher(url).matches();
    } else if (c instanceof Condition.TextPresent t) {
      return fold(page.text()).contains(fold(t.text()));
    } else if (c instanceof Condition.AnswerContains a) {
      return answer != null && fold(answer).contains(fold(a.text()));
    } else if (c instanceof Condition.ElementState e) {
      return elementHolds(e, page);
    }
    throw new IllegalStateException("unknown condition " + c);
  }

  private static boolean elementHolds(Condition.ElementState e, AriaSnapshot page) {
    List<Node> matches = page.nodes().stream()
        .filter(n -> n.is(e.role()) && (e.name().isEmpty() || fold(n.name()).equals(fold(e.name()))))
        .toList();
    return switch (e.state()) {
      case PRESENT -> !matches.isEmpty();
      case ABSENT -> matches.isEmpty();
      case CHECKED -> matches.stream().anyMatch(n -> n.has("checked"));
      case UNCHECKED -> matches.stream().anyMatch(n -> !n.has("checked"));
      case PRESSED -> matches.stream().anyMatch(n -> n.has("pressed"));
      case HAS_VALUE -> matches.stream().anyMatch(n -> fold(valueOf(n, page)).equals(fold(e.value())));
    };
  }

  /** A text box's text, or a select box's chosen option. */
  public static String valueOf(Node n, AriaSnapshot page) {
    if (n.is("combobox") || n.is("listbox")) {
      for (Node d : page.descendants(n)) {
        if (d.is("option") && d.has("selected")) {
          return d.name();
        }
      }
    }
    return n.value() == null ? "" : n.value();
  }

  /**
   * A glob where {@code *} matches any run of characters and everything else is literal, ignoring
   * case (a skill's {@code {page}} bound to "Kitchen" must match {@code /category/kitchen}).
   */
  public static Pattern glob(String glob) {
    return Pattern.compile(globRegex(glob), Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  }

  private static String globRegex(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      if (!parts[i].isEmpty()) {
        re.append(Pattern.quote(parts[i]));
      }
    }
    return re.toString();
  }
}
