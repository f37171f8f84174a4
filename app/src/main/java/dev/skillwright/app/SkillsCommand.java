package dev.skillwright.app;

import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.FileLocks;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright skills list|search|show|merge|export|reindex}: what the crawls found. */
@Command(name = "skills", mixinStandardHelpOptions = true,
    description = "List, search, show, merge and export the discovered skills; rebuild their "
        + "index.",
    subcommands = {SkillsCommand.List.class, SkillsCommand.Search.class,
        SkillsCommand.Show.class, SkillsCommand.Merge.class, SkillsCommand.Export.class,
        SkillsCommand.Reindex.class})
final class SkillsCommand {
  @ParentCommand
  Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  SkillIndex open() {
    return SkillIndex.open(Store.at(main.dataDir()).skillsDir(),
        n -> spec.commandLine().getErr().println("skillwright: " + n));
  }

  static String params(Skill s) {
    return s.parameters().stream().map(p -> p.name() + "=" + String.join("|", p.examples()))
        .collect(Collectors.joining(", "));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every skill.")
  static final class List implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Option(names = "--site", description = "Only this site's skills.")
    String site;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (SkillIndex index = skills.open()) {
        java.util.List<Skill> all = index.list(site);
        if (json.on()) {
          json.print(JsonOutput.doc("count", all.size(), "skills", all));
          return 0;
        }
        if (all.isEmpty()) {
          out.println("No skills yet in " + Store.at(skills.main.dataDir()).skillsDir()
              + ". Run: skillwright crawl --env shop");
          return 0;
        }
        for (Skill s : all) {
          out.println(s.id());
          print(out, "    ", s.description());
          print(out, "    ", s.status().name().toLowerCase(java.util.Locale.ROOT) + "; "
              + s.sideEffect().name().toLowerCase(java.util.Locale.ROOT) + "; "
              + ConsoleProgress.count(s.steps().size(), "step") + "; parameters: "
              + (params(s).isEmpty() ? "none" : params(s)) + "; from "
              + ConsoleProgress.count(s.provenance().size(), "episode") + "; " + health(s));
        }
        out.println(all.size() + " skill" + (all.size() == 1 ? "" : "s"));
      }
      return 0;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Find skills by what they do, in your own words.")
  static final class Search implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What you want to do.")
    java.util.List<String> query;

    @Option(names = "--site", description = "Only this site's skills.")
    String site;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "How many (default: 5).")
    int k;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
      CrawlCommand.positive("--top", k, 1000);
      PrintWriter out = spec.commandLine().getOut();
      try (SkillIndex index = skills.open()) {
        java.util.List<SkillIndex.Hit> hits = index.search(String.join(" ", query), site, k);
        if (json.on()) {
          json.print(JsonOutput.doc("query", String.join(" ", query), "hits", hits.stream()
              .map(h -> JsonOutput.doc("score", h.score(), "skill", h.skill())).toList()));
          return hits.isEmpty() ? 1 : 0;
        }
        if (hits.isEmpty()) {
          out.println("No skill matches \"" + String.join(" ", query) + "\".");
          return 1;
        }
        for (SkillIndex.Hit h : hits) {
          out.printf("%6.2f  %s  [%s]%n", h.score(), h.skill().id(),
              h.skill().status().name().toLowerCase(java.util.Locale.ROOT));
          print(out, "        ", h.skill().description());
        }
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one skill.")
  static final class Show implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "SKILL", description = "A skill's id or name.")
    String name;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (SkillIndex index = skills.open()) {
        Skill s = index.get(name).orElseThrow(() -> new BadInputException(
            "no skill '" + name + "'; see: skillwright skills list"));
        if (json.on()) {
          json.print(s);
          return 0;
        }
        out.println(s.id());
        print(out, "  ", s.description());
        print(out, "  site:       ", s.site() + ", starts at " + s.startUrlPattern());
        print(out, "  parameters: ", s.parameters().isEmpty() ? "none" : params(s));
        print(out, "  effect:     ", s.sideEffect().name().toLowerCase(java.util.Locale.ROOT));
        print(out, "  success:    ", s.success().describe());
        if (s.reads() != null) {
          print(out, "  returns:    ", s.reads().describe() + " on the page it ends on");
        }
        if (!s.aliases().isEmpty()) {
          print(out, "  was:        ", String.join(", ", s.aliases()));
        }
        print(out, "  status:     ", s.describeStatus());
        print(out, "  uses:       ", health(s) + (s.health().lastVerified() == null ? ""
            : "; last verified " + ConsoleProgress.moment(s.health().lastVerified())));
        s.verifications().forEach(v -> print(out, "    verification ", (v.episode() == null
            ? "(no run)" : v.episode()) + ": " + (v.passed() ? "passed" : "failed") + " with "
            + v.args().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + ": " + v.reason()));
        s.health().failures().forEach(f -> print(out, "    failure in ", f.episode() + ": "
            + f.reason()));
        out.println("  steps:");
        int i = 0;
        for (Action a : s.steps()) {
          print(out, String.format(java.util.Locale.ROOT, "  %2d. ", ++i), a.describe());
          if (a.target() != null) {
            for (LocatorCandidate c : a.target().locators()) {
              print(out, "        by ", c.strategy().name().toLowerCase(java.util.Locale.ROOT)
                  + ": " + c.value() + (c.name() == null ? "" : " \"" + c.name() + "\""));
            }
          }
        }
        out.println("  examples:");
        s.examples().forEach(e -> print(out, "    - ", e));
        print(out, "  from:       ", s.provenance().stream()
            .map(p -> p.episodeId()).collect(Collectors.joining(", ")));
      }
      return 0;
    }
  }

  /**
   * {@code skills merge DATA_DIR...}: folds other data directories' skills into this library
   * through {@link SkillLibrary#add} (so a skill both know is merged, not doubled) and copies the
   * sessions this one lacks. Merging the same directory again changes nothing.
   */
  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Fold other data directories' skills and sessions into this one.")
  static final class Merge implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "DATA_DIR", arity = "1..*",
        description = "Data directories to merge from (each with a skills/ folder).")
    java.util.List<Path> from;

    @Override
    public Integer call() {
      Path here = skills.main.dataDir();
      for (Path dir : from) {
        check(dir, here);
      }
      PrintWriter out = spec.commandLine().getOut();
      java.util.function.Consumer<String> notices =
          n -> spec.commandLine().getErr().println("skillwright: " + n);
      Store store = Store.at(here);
      int skillsIn = 0;
      int added = 0;
      int sessions = 0;
      try (FileLocks.Held lock = store.lockDataDir("skills merge");
          SkillLibrary library = SkillLibrary.open(store.skillsDir(), notices)) {
        for (Path dir : from) {
          java.util.List<Skill> theirs = SkillIndex.read(Store.at(dir).skillsDir(), notices);
          int isNew = 0;
          for (Skill s : theirs) {
            isNew += library.add(s).isNew() ? 1 : 0;
          }
          library.commit();
          int copied = copySessions(Store.at(dir).sessionsDir(), store.sessionsDir());
          out.println("Merged " + ConsoleProgress.count(theirs.size(), "skill") + " from " + dir
              + " (" + isNew + " new, " + (theirs.size() - isNew) + " merged into known ones); "
              + "copied " + ConsoleProgress.count(copied, "session"));
          skillsIn += theirs.size();
          added += isNew;
          sessions += copied;
        }
        out.println("Total: " + ConsoleProgress.count(skillsIn, "skill") + " from "
            + from.size() + " data director" + (from.size() == 1 ? "y" : "ies") + " ("
            + added + " new, " + (skillsIn - added) + " merged into known ones); copied "
            + ConsoleProgress.count(sessions, "session") + "; the library holds "
            + ConsoleProgress.count(library.index().size(), "skill"));
      }
      return 0;
    }

    /** Refuses a directory that is not another data directory with skills. */
    static void check(Path dir, Path here) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException("no data directory " + dir + " to merge from");
      }
      if (!Files.isDirectory(Store.at(dir).skillsDir())) {
        throw new BadInputException(dir + " has no skills folder (" + Store.at(dir).skillsDir()
            + "): give a data directory skillwright wrote");
      }
      if (Files.isDirectory(here) && same(dir, here)) {
        throw new BadInputException(dir + " is this data directory (--data-dir " + here
            + "): give another one to merge from");
      }
    }

    private static boolean same(Path a, Path b) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
      }
    }

    /**
     * Copies each session folder of {@code from} that {@code to} does not have, with all it
     * holds; a session already here is left as it is.
     *
     * @return how many sessions were copied
     */
    static int copySessions(Path from, Path to) {
      if (!Files.isDirectory(from)) {
        return 0;
      }
      int n = 0;
      try (Stream<Path> list = Files.list(from)) {
        for (Path session : list.filter(Files::isDirectory)
            .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
          Path target = to.resolve(session.getFileName().toString());
          if (Files.exists(target)) {
            continue;
          }
          copyTree(session, target);
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy the sessions of " + from + " to " + to + ": "
            + e.getMessage(), e);
      }
      return n;
    }

    /**
     * Copies a folder into a temporary sibling, then moves it in place: a copy cut short leaves
     * no half session that a later merge would take for a whole one.
     */
    private static void copyTree(Path from, Path to) throws IOException {
      Files.createDirectories(to.getParent());
      Path partial = to.resolveSibling("." + to.getFileName() + ".merging");
      if (Files.exists(partial)) {
        try (Stream<Path> old = Files.walk(partial)) {
          for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path dest = partial.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(dest);
          } else {
            Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
      Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Refuses an {@code --out} that cannot be a file: a folder, or a path under a file.
   *
   * @throws BadInputException naming the path
   */
  static void checkOutFile(java.nio.file.Path out) {
    if (java.nio.file.Files.isDirectory(out)) {
      throw new BadInputException("--out " + out + " is a folder: name a file to write");
    }
    for (java.nio.file.Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (java.nio.file.Files.exists(p)) {
        if (!java.nio.file.Files.isDirectory(p)) {
          throw new BadInputException("--out " + out + ": " + p + " is a file, not a folder");
        }
        break;
      }
    }
  }

  @Command(name = "reindex", mixinStandardHelpOptions = true,
      description = "Build the skill index again from the skill files (skills/<site>/*.json).")
  static final class Reindex implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Override
    public Integer call() {
      java.nio.file.Path dir = Store.at(skills.main.dataDir()).skillsDir();
      int n = SkillIndex.reindex(dir,
          m -> spec.commandLine().getErr().println("skillwright: " + m));
      if (n < 0) {
        throw new BadInputException("the skill index in " + dir + " is in use by another "
            + "process; wait for it to finish");
      }
      spec.commandLine().getOut().println("Indexed " + n + " skill" + (n == 1 ? "" : "s")
          + " from the files in "
          + dir);
      return 0;
    }
  }

  /** {@code text} after {@code first}, wrapped within 100 columns, aligned under itself. */
  static void print(PrintWriter out, String first, String text) {
    ConsoleProgress.wrap(first, text, " ".repeat(Math.min(first.length(), 20)))
        .forEach(out::println);
  }

  static String health(Skill s) {
    return s.health().describe();
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the skills as Playwright Java source or as a JSON tool schema.")
  static final class Export implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    SkillsCommand skills;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        description = "playwright-java or tool-schema.")
    String format;

    @Option(names = "--site", description = "Only this site's skills.")
    String site;

    @Option(names = "--all", description = "Also skills that are not verified.")
    boolean all;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: stdout).")
    java.nio.file.Path outFile;

    @Override
    public Integer call() {
      if (!java.util.List.of("playwright-java", "tool-schema").contains(format)) {
        throw new BadInputException("unknown format '" + format
            + "': use playwright-java or tool-schema");
      }
      if (outFile != null) {
        checkOutFile(outFile);
      }
      java.util.List<Skill> chosen;
      try (SkillIndex index = skills.open()) {
        chosen = index.list(site).stream().filter(s -> all || s.offered()).toList();
      }
      String text = format.equals("tool-schema") ? dev.skillwright.skills.SkillExport.toolSchema(
          chosen) : dev.skillwright.skills.SkillExport.playwrightJava(chosen, "SkillwrightSkills");
      if (outFile == null) {
        spec.commandLine().getOut().print(text);
      } else {
        dev.skillwright.trajectories.AtomicFiles.write(outFile.toAbsolutePath(), text);
        spec.commandLine().getOut().println("Wrote " + chosen.size() + " skill"
            + (chosen.size() == 1 ? "" : "s")
            + " to " + outFile);
      }
      return 0;
    }
  }
}
