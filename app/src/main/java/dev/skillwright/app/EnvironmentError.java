package dev.skillwright.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * Failures of the machine rather than of Skillwright: a read-only or full disk, a path of the
 * wrong kind, no permission. The command line reports them in one line with exit code 2, as
 * bad input, since the user can fix them and nothing else can.
 */
final class EnvironmentError {
  private EnvironmentError() {}

  /** The one line to print for {@code e}, when a cause of it is the machine's. */
  static Optional<String> describe(Throwable e) {
    String context = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ReadOnlyFileSystemException) {
        return Optional.of("the data directory is on a read-only file system");
      }
      if (!(t instanceof IOException io)) {
        // "cannot write <file>: <reason>": the first part says where
        String m = firstLine(t.getMessage());
        if (context == null && m.startsWith("cannot ") && m.lastIndexOf(": ") > 0) {
          context = m.substring(0, m.lastIndexOf(": "));
        }
        continue;
      }
      String msg = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
      String problem = problem(io, msg);
      if (problem != null) {
        String where = io instanceof FileSystemException fs && fs.getFile() != null
            ? "cannot write " + fs.getFile() : context != null ? context : "cannot write";
        return Optional.of(where + ": " + problem);
      }
    }
    return Optional.empty();
  }

  private static String problem(IOException io, String msg) {
    if (msg.contains("no space left") || msg.contains("disk quota")) {
      return "no space left on the device";
    } else if (msg.contains("read-only file system")) {
      return "the file system is read-only";
    } else if (io instanceof AccessDeniedException || msg.contains("permission denied")
        || msg.contains("access denied") || msg.contains("operation not permitted")) {
      return "permission denied";
    } else if (io instanceof NotDirectoryException || io instanceof FileAlreadyExistsException
        || msg.contains("not a directory")) {
      return "a file stands where a folder must be";
    } else if (msg.contains("is a directory")) {
      return "a folder stands where a file must be";
    }
    return null;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
