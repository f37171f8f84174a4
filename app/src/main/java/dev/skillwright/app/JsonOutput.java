package dev.skillwright.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skillwright.trajectories.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --json}, a mixin: the command prints one JSON document on standard output for a script,
 * and everything a person reads (progress, tables, verdicts) on standard error. Exit codes do not
 * change with it. Not thread-safe: one command's.
 */
final class JsonOutput {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--json", description = "Print the outcome as one JSON document on standard "
      + "output (see the README); what a person reads goes to standard error.")
  boolean json;

  /** Whether {@code --json} was given. */
  boolean on() {
    return json;
  }

  /** Where what a person reads goes: standard error with {@code --json}, else standard output. */
  PrintWriter text() {
    return json ? command.commandLine().getErr() : command.commandLine().getOut();
  }

  /** Prints {@code doc} on standard output as one JSON document (see {@link #printJson}). */
  void print(Object doc) {
    printJson(command.commandLine().getOut(), doc);
  }

  /**
   * {@code doc} as one JSON document on {@code out}, written by the store's own mapper: a skill
   * or a report has the fields and names its file has.
   */
  static void printJson(PrintWriter out, Object doc) {
    try {
      out.println(Json.mapper().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON object's fields in the order given: name, value, name, value... */
  static Map<String, Object> doc(Object... nameValue) {
    if (nameValue.length % 2 != 0) {
      throw new IllegalArgumentException("doc wants names and values in pairs: "
          + nameValue.length + " given");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put((String) nameValue[i], nameValue[i + 1]);
    }
    return m;
  }
}
