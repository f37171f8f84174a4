package dev.skillwright.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.agent.TrainingExamples;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright export --format sft-jsonl}: successful trajectories as training data. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export successful episodes as chat-format training data (skills export "
        + "writes the skills).")
final class ExportCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "sft-jsonl: one chat example per successful step.")
  String format;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write (default: <data-dir>/exports/sft.jsonl).")
  Path out;

  @Option(names = "--share", defaultValue = "1.0", paramLabel = "FRACTION",
      description = "Of each task's successes, keep this share, shortest first (default: 1.0).")
  double share;

  @Option(names = "--inline-images",
      description = "Put each screenshot in the file as base64 (default: a path relative to it).")
  boolean inlineImages;

  @Override
  public Integer call() {
    if (!format.equals("sft-jsonl")) {
      throw new BadInputException("unknown --format '" + format + "': this command writes "
          + "sft-jsonl");
    }
    if (!(share > 0 && share <= 1)) {
      throw new BadInputException("--share must be within (0, 1]: " + share);
    }
    if (out != null) {
      SkillsCommand.checkOutFile(out);
    }
    Store store = Store.at(main.dataDir());
    Map<String, List<Path>> byTask = new TreeMap<>();
    Map<Path, Trajectory> read = new java.util.HashMap<>();
    for (Path f : store.trajectoryFiles()) {
      Trajectory t;
      try {
        t = store.readTrajectory(f);
      } catch (BadInputException e) {
        spec.commandLine().getErr().println("skillwright: skipping " + e.getMessage());
        continue;
      }
      // what the agent decided, not a replay of what it did before
      if (t.succeeded() && t.replayOf() == null) {
        read.put(f, t);
        byTask.computeIfAbsent(t.task().instruction(), k -> new ArrayList<>()).add(f);
      }
    }
    Path target = out != null ? out : store.root().resolve("exports").resolve("sft.jsonl");
    Path exportDir = target.toAbsolutePath().getParent();
    StringBuilder lines = new StringBuilder();
    int kept = 0;
    int examples = 0;
    try (SkillIndex skills = SkillIndex.open(store.skillsDir(),
        n -> spec.commandLine().getErr().println("skillwright: " + n))) {
      for (List<Path> files : byTask.values()) {
        files.sort(Comparator.comparingInt((Path f) -> read.get(f).steps().size())
            .thenComparing(Path::toString));
        int keep = Math.max(1, (int) Math.ceil(share * files.size()));
        for (Path f : files.subList(0, keep)) {
          kept++;
          Trajectory t = read.get(f);
          // the skills it called, listed in its prompt as the policy was offered them
          List<Skill> used = t.steps().stream().filter(s -> s.skill() != null)
              .map(s -> s.skill().name()).distinct().map(skills::get)
              .flatMap(java.util.Optional::stream).toList();
          for (ObjectNode ex : TrainingExamples.of(t, f.getParent(), exportDir, inlineImages,
              used)) {
            lines.append(ex.toString()).append('\n');
            examples++;
          }
        }
      }
    }
    AtomicFiles.write(target, lines.toString());
    spec.commandLine().getOut().printf(
        "Wrote %d examples from %d successful trajectories of %d tasks to %s%n",
        examples, kept, byTask.size(), target.toAbsolutePath());
    return 0;
  }
}
