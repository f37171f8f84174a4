package dev.skillwright.skills;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link SkillFilesTest}: writes the same skills as one group again and
 * again, each round with descriptions of its own, and prints {@code round N} once round N is
 * written, until it is killed.
 */
final class GroupWriter {
  private GroupWriter() {}

  /** The {@code count} skills of round {@code round}. */
  static List<Skill> round(int count, int round) {
    List<Skill> skills = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      skills.add(SkillFilesTest.skill("site" + i % 5, "skill-" + i,
          "Open \"{item}\" " + i + " in round " + round));
    }
    return skills;
  }

  public static void main(String[] args) {
    SkillFiles files = new SkillFiles(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    for (int round = 1; ; round++) {
      files.writeAll(round(count, round));
      System.out.println("round " + round);
      System.out.flush();
    }
  }
}
