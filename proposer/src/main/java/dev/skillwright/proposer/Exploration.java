package dev.skillwright.proposer;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.SuccessSignal;
import java.util.List;
import java.util.Map;

/**
 * What exploring a site found: the walks (chains of interactions with a visible effect, each
 * labelled afterwards as a task), the affordances tried, the option lists seen (for new values
 * at verification), and what was left alone and why.
 *
 * @param walks the labelled walks, in the order found
 * @param affordances one line per control tried on the start page: {@code button "Help"}
 * @param choices the options of each choice list seen, for verification's new values
 * @param skipped controls left alone with the reason: {@code button "Delete all": destructive}
 * @param actions how many actions exploring took
 */
public record Exploration(List<Walk> walks, List<String> affordances, List<List<String>> choices,
    List<String> skipped, int actions) {

  public Exploration {
    walks = List.copyOf(walks);
    affordances = List.copyOf(affordances);
    choices = choices.stream().map(List::copyOf).toList();
    skipped = List.copyOf(skipped);
  }

  /** Nothing explored. */
  public static Exploration none() {
    return new Exploration(List.of(), List.of(), List.of(), List.of(), 0);
  }

  /**
   * One walk from a fresh start page, and its label.
   *
   * @param startUrl where it starts, loaded fresh
   * @param moves what was done, each with what it visibly changed
   * @param instruction the English instruction for what it achieved, in the shared phrasings
   * @param success how success shows, built from the observed effects
   * @param params the typed and chosen values by parameter name, each quoted in the instruction
   * @param destructive whether a move looked destructive (explored only when allowed)
   */
  public record Walk(String startUrl, List<Move> moves, String instruction, SuccessSignal success,
      Map<String, String> params, boolean destructive) {
    public Walk {
      requireNonNull(startUrl, "startUrl");
      requireNonNull(instruction, "instruction");
      moves = List.copyOf(moves);
      params = Map.copyOf(params);
    }

    /** The walk for people and prompts: each move and what it changed, one per line. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (Move m : moves) {
        sb.append(sb.length() == 0 ? "" : "\n").append(m.describe()).append(" -> ")
            .append(m.effect());
      }
      return sb.toString();
    }
  }

  /**
   * One interaction: its kind, the control (role and name), the field a value went into, the
   * value typed or chosen, the button that sent it, and a one-line summary of the effect.
   */
  public record Move(Kind kind, String role, String name, String value, String button,
      String effect) {
    public Move {
      requireNonNull(kind, "kind");
      requireNonNull(role, "role");
      name = name == null ? "" : name;
      effect = effect == null ? "" : effect;
    }

    /** A short line: {@code type "Buy oat milk" into textbox "New errand", press Enter}. */
    public String describe() {
      String what = role + " \"" + name + "\"";
      return switch (kind) {
        case TYPE_ENTER -> "type \"" + value + "\" into " + what + ", press Enter";
        case TYPE_SUBMIT -> "type \"" + value + "\" into " + what + ", click button \""
            + button + "\"";
        case SELECT -> "select \"" + value + "\" in " + what;
        case CHECK -> "check " + what;
        case UNCHECK -> "uncheck " + what;
        default -> "click " + what;
      };
    }
  }

  /** The kinds of interaction exploring tries. */
  public enum Kind {
    LINK, BUTTON, TAB, TYPE_ENTER, TYPE_SUBMIT, CHECK, UNCHECK, RADIO, SELECT, EXPAND, COLLAPSE,
    CLOSE_DIALOG, ITEM
  }
}
