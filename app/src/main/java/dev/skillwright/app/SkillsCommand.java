package dev.skillwright.app;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Store;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright skills list|search|show}: what the crawls found. */
@Command(name = "skills", mixinStandardHelpOptions = true,
    description = "List, search and show discovered skills.",
    subcommands = {SkillsCommand.List.class, SkillsCommand.Search.class,
        SkillsCommand.Show.class})
final class SkillsCommand {
  @ParentCommand
  Main main;

  SkillIndex open() {
    return SkillIndex.open(Store.at(main.dataDir()).skillsDir());
  }

  static String params(Skill s) {
    return s.parameters().stream().map(p -> p.name() + "=" + String.join("|", p.examples()))
        .collect(Collectors.joining(", "));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every skill.")
  static final class List implements Callable<Integer> {
    @ParentCommand
    SkillsCommand skills;

    @Option(names = "--site", description = "Only this site's skills.")
    String site;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      try (SkillIndex index = skills.open()) {
        java.util.List<Skill> all = index.list(site);
        if (all.isEmpty()) {
          out.println("No skills yet in " + Store.at(skills.main.dataDir()).skillsDir()
              + ". Run: skillwright crawl --env shop");
          return 0;
        }
        for (Skill s : all) {
          out.printf("%-28s %s%n", s.id(), s.description());
          out.printf("%-28s   %d steps; parameters: %s; from %d episode%s%n", "",
              s.steps().size(), params(s).isEmpty() ? "none" : params(s),
              s.provenance().size(), s.provenance().size() == 1 ? "" : "s");
        }
        out.println(all.size() + " skill" + (all.size() == 1 ? "" : "s"));
      }
      return 0;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Find skills by what they do, in your own words.")
  static final class Search implements Callable<Integer> {
    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What you want to do.")
    java.util.List<String> query;

    @Option(names = "--site", description = "Only this site's skills.")
    String site;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "How many (default: 5).")
    int k;

    @Override
    public Integer call() {
      CrawlCommand.positive("--top", k, 1000);
      PrintStream out = System.out;
      try (SkillIndex index = skills.open()) {
        java.util.List<SkillIndex.Hit> hits = index.search(String.join(" ", query), site, k);
        if (hits.isEmpty()) {
          out.println("No skill matches \"" + String.join(" ", query) + "\".");
          return 1;
        }
        for (SkillIndex.Hit h : hits) {
          out.printf("%6.2f  %-28s %s%n", h.score(), h.skill().id(), h.skill().description());
        }
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one skill.")
  static final class Show implements Callable<Integer> {
    @ParentCommand
    SkillsCommand skills;

    @Parameters(paramLabel = "SKILL", description = "A skill's id or name.")
    String name;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      try (SkillIndex index = skills.open()) {
        Skill s = index.get(name).orElseThrow(() -> new BadInputException(
            "no skill '" + name + "'; see: skillwright skills list"));
        out.println(s.id());
        out.println("  " + s.description());
        out.println("  site:       " + s.site() + ", starts at " + s.startUrlPattern());
        out.println("  parameters: " + (s.parameters().isEmpty() ? "none" : params(s)));
        out.println("  success:    " + s.success().describe());
        out.println("  steps:");
        int i = 0;
        for (Action a : s.steps()) {
          out.printf("    %d. %s%n", ++i, a.describe());
          if (a.target() != null) {
            for (LocatorCandidate c : a.target().locators()) {
              out.println("         by " + c.strategy().name().toLowerCase(java.util.Locale.ROOT)
                  + ": " + c.value() + (c.name() == null ? "" : " \"" + c.name() + "\""));
            }
          }
        }
        out.println("  examples:");
        s.examples().forEach(e -> out.println("    - " + e));
        out.println("  from:       " + s.provenance().stream()
            .map(p -> p.episodeId()).collect(Collectors.joining(", ")));
      }
      return 0;
    }
  }
}
