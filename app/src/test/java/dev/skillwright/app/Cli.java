package dev.skillwright.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in this JVM and captures what it prints. Thread-safe: each run has its
 * own streams (the commands print through picocli's writers, never {@code System.out}).
 */
record Cli(int exit, String out, String err) {
  /** The error stream with each wrapped notice joined back into one line. */
  String notices() {
    return err.replace("\n  ", " ");
  }

  static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(out, err, args);
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
