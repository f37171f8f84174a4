package dev.skillwright.trajectories;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How success shows on the final screen and in the answer: every condition must hold. An empty
 * signal means the task states none, and an evaluator must judge it some other way.
 */
public record SuccessSignal(List<Condition> all) {
  public SuccessSignal {
    all = all == null ? List.of() : List.copyOf(all);
  }

  public static SuccessSignal of(Condition... conditions) {
    return new SuccessSignal(List.of(conditions));
  }

  public static SuccessSignal none() {
    return new SuccessSignal(List.of());
  }

  @JsonIgnore
  public boolean isEmpty() {
    return all.isEmpty();
  }

  public SuccessSignal map(UnaryOperator<String> values) {
    return new SuccessSignal(all.stream().map(c -> c.map(values)).toList());
  }

  public String describe() {
    return all.isEmpty()
        ? "no stated signal"
        : all.stream().map(Condition::describe).collect(Collectors.joining(" and "));
  }
}
