package dev.skillwright.app;

import dev.skillwright.trajectories.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for any option from {@code skillwright.properties}: the working directory's, else the
 * data directory's. A key is an option's long name without its dashes, for every command
 * ({@code max-steps=30}) or one ({@code crawl.budget=20}, which wins); a flag given on the
 * command line wins over both.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  static final String NAME = "skillwright.properties";

  private final Properties values;
  private final Path file;

  private ConfigFile(Path file, Properties values) {
    this.file = file;
    this.values = values;
  }

  /**
   * The config file for a command line run with {@code args}, if there is one: in the working
   * directory, else in the data directory ({@code --data-dir}, else {@code $SKILLWRIGHT_HOME},
   * else {@code ./skillwright-data}).
   *
   * @throws BadInputException when the file cannot be read
   */
  static Optional<ConfigFile> find(String[] args) {
    Path here = Path.of(NAME);
    Path file = Files.isRegularFile(here) ? here : dataDir(args).resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(file + ": not a readable properties file (" + e.getMessage()
          + ")");
    }
    return Optional.of(new ConfigFile(file, p));
  }

  private static Path dataDir(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data-dir") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--data-dir=")) {
        return Path.of(args[i].substring("--data-dir=".length()));
      }
    }
    return Optional.ofNullable(System.getenv("SKILLWRIGHT_HOME")).filter(s -> !s.isBlank())
        .map(Path::of).orElse(Path.of("skillwright-data"));
  }

  Path file() {
    return file;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || o.usageHelp() || o.versionHelp()) {
      return null;
    }
    String key = o.longestName().replaceFirst("^-+", "");
    String command = o.command() == null ? null : o.command().qualifiedName(".")
        .replaceFirst("^skillwright\\.?", "");
    String value = command == null || command.isEmpty() ? null
        : values.getProperty(command + "." + key);
    return value != null ? value.strip() : Optional.ofNullable(values.getProperty(key))
        .map(String::strip).orElse(null);
  }
}
