package dev.skillwright.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Playwright storage state file: the cookies and local storage of a logged-in browser. Its
 * values are secrets: they are taken out of every record, log and trace as a password is.
 */
public final class StorageState {
  /** Values shorter than this are left alone: redacting "1" would redact every digit one. */
  private static final int MIN_SECRET = 6;

  private StorageState() {}

  /**
   * The values of {@code file}'s cookies and local storage, as secrets named after them.
   *
   * @throws BadInputException when the file cannot be read or is no storage state
   */
  public static Secrets secretsOf(Path file) {
    JsonNode state;
    try {
      state = Json.mapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new BadInputException("--storage-state " + file + ": cannot read it ("
          + e.getMessage() + ")");
    }
    if (state == null || !state.path("cookies").isArray()) {
      throw new BadInputException("--storage-state " + file + ": not a Playwright storage state "
          + "(no \"cookies\" list; save one with: skillwright login --url URL --save FILE)");
    }
    Map<String, String> values = new LinkedHashMap<>();
    int n = 0;
    for (JsonNode c : state.path("cookies")) {
      keep(values, "storage_cookie_" + n++, c.path("value").asText(""));
    }
    for (JsonNode origin : state.path("origins")) {
      for (JsonNode item : origin.path("localStorage")) {
        keep(values, "storage_local_" + n++, item.path("value").asText(""));
      }
    }
    return Secrets.of(values);
  }

  private static void keep(Map<String, String> values, String name, String value) {
    if (value.length() >= MIN_SECRET) {
      values.put(name, value);
    }
  }

  /** Saves {@code context}'s storage state to {@code file}, readable by its owner only. */
  static void save(com.microsoft.playwright.BrowserContext context, Path file) {
    String state = context.storageState();
    AtomicFiles.write(file, state);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the file keeps its folder's permissions
    }
  }
}
