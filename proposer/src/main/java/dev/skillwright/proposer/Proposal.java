package dev.skillwright.proposer;

import dev.skillwright.trajectories.Task;
import java.util.List;

/** What a proposer offers: the tasks, and the items it turned down with the reason for each. */
public record Proposal(List<Task> tasks, List<String> rejected) {
  public Proposal {
    tasks = List.copyOf(tasks);
    rejected = List.copyOf(rejected);
  }
}
