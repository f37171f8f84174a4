package dev.skillwright.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's shell blocks as commands: each {@code ./skillwright} line (its continuation lines
 * joined) split into words as a POSIX shell would (quotes, backslashes, a {@code #} comment, a
 * trailing {@code &}). Blocks with no {@code ./skillwright} line (sample output, the data
 * layout) are not commands and are left out.
 */
record Readme(List<Readme.Line> lines) {
  /** One command line: as written (without its comment), its words, whether it runs behind. */
  record Line(String text, List<String> words, boolean background) {
    /** True for a line of the launcher itself: {@code ./skillwright ...}. */
    boolean launcher() {
      return !words.isEmpty() && words.get(0).equals("./skillwright");
    }

    /** The words after {@code ./skillwright}: the command line's arguments. */
    List<String> args() {
      return words.subList(1, words.size());
    }
  }

  /**
   * Whether a line a command printed fits the README's 100 columns: only a path or URL, which
   * cannot be broken, may take it past them.
   */
  static boolean fits(String printed) {
    return printed.length() <= 100
        || java.util.Arrays.stream(printed.split(" ")).mapToInt(String::length).max().orElse(0)
            >= 40;
  }

  static Readme read(Path file) throws IOException {
    List<Line> out = new ArrayList<>();
    List<String> block = null;
    for (String raw : Files.readAllLines(file)) {
      if (raw.startsWith("```")) {
        if (block == null) {
          block = new ArrayList<>();
        } else {
          if (block.stream().anyMatch(l -> l.startsWith("./skillwright "))) {
            out.addAll(commands(block));
          }
          block = null;
        }
      } else if (block != null) {
        block.add(raw);
      }
    }
    return new Readme(out);
  }

  private static List<Line> commands(List<String> block) {
    List<Line> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : block) {
      String l = raw.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.endsWith("\\")) {
        pending.append(l.substring(0, l.length() - 1).strip()).append(' ');
        continue;
      }
      pending.append(l);
      Line parsed = parse(pending.toString());
      if (!parsed.words().isEmpty()) {
        out.add(parsed);
      }
      pending.setLength(0);
    }
    if (pending.length() > 0) {
      throw new IllegalArgumentException("a README block ends inside a continued line: "
          + pending);
    }
    return out;
  }

  /** Splits one shell line into words; stops at an unquoted comment. */
  static Line parse(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    int end = line.length();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unbalanced ' in README line: " + line);
        }
        w = w == null ? new StringBuilder() : w;
        w.append(line, i + 1, close);
        i = close;
      } else if (c == '"') {
        w = w == null ? new StringBuilder() : w;
        for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
          if (line.charAt(i) == '\\' && i + 1 < line.length()
              && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          w.append(line.charAt(i));
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("unbalanced \" in README line: " + line);
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        w = w == null ? new StringBuilder() : w;
        w.append(line.charAt(++i));
      } else if (c == '#' && w == null) {
        end = i;
        break;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    boolean background = !words.isEmpty() && words.get(words.size() - 1).equals("&");
    if (background) {
      words.remove(words.size() - 1);
    }
    String text = line.substring(0, end).strip();
    return new Line(background ? text.substring(0, text.length() - 1).strip() : text, words,
        background);
  }
}
