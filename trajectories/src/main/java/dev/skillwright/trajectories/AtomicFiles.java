package dev.skillwright.trajectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes whole files atomically: to a temporary file in the same folder, fsync, then rename. A
 * process killed at any moment leaves the old file or the new one, never part of one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What a test makes the disk do instead of a write: null to write, else the error. */
  private static volatile java.util.function.Function<Path, IOException> fault = p -> null;

  /**
   * Makes every later write of a path for which {@code f} gives an exception fail with it, as a
   * full or read-only disk would; {@code null} restores normal writes. For tests. A staged file
   * asks for its target when written and for its temporary file when forced.
   */
  public static void injectFault(java.util.function.Function<Path, IOException> f) {
    fault = f == null ? p -> null : f;
  }

  private static void checkFault(Path target) throws IOException {
    IOException e = fault.apply(target.toAbsolutePath());
    if (e != null) {
      throw e;
    }
  }

  public static void write(Path target, byte[] content) {
    Staged staged = stage(target, content);
    try {
      staged.force();
      staged.commit();
    } finally {
      staged.discard();
    }
  }

  /**
   * Writes {@code content} to a new hidden file beside {@code target}, not yet forced to disk nor
   * in place: for a group of files written together (force them all, then commit each), so the
   * file system's journal commits many at once. A hidden temporary file a killed process leaves
   * behind is never read as the target.
   */
  public static Staged stage(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      checkFault(target);
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
      }
      Staged staged = null;
      // one open, readable by the owner only; a name left by a killed process is passed over
      for (int tries = 1; staged == null; tries++) {
        FileChannel ch;
        Path tmp = dir.resolve("." + target.getFileName() + "." + TEMP_PREFIX
            + TEMP_COUNT.incrementAndGet() + ".tmp");
        try {
          ch = FileChannel.open(tmp, CREATE_NEW, OWNER_ONLY);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          if (tries == 1_000) {
            throw e;
          }
          continue;
        }
        staged = new Staged(target, tmp);
        try (FileChannel open = ch) {
          ByteBuffer buf = ByteBuffer.wrap(content);
          while (buf.hasRemaining()) {
            open.write(buf);
          }
        } catch (IOException e) {
          staged.discard();
          throw e;
        }
      }
      return staged;
    } catch (IOException e) {
      throw failed(target, e);
    }
  }

  private static final java.util.Set<StandardOpenOption> CREATE_NEW =
      java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  /** Temporary files are the owner's alone, as the files they become. */
  private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? new java.nio.file.attribute.FileAttribute<?>[] {
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                  java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
          : new java.nio.file.attribute.FileAttribute<?>[0];
  /** Temporary names: this process's, then a count (a name taken is passed over). */
  private static final String TEMP_PREFIX = ProcessHandle.current().pid() + "-";
  private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNT =
      new java.util.concurrent.atomic.AtomicLong();

  /** A file's new content beside it ({@link #stage}): force it, then commit it, or discard it. */
  public static final class Staged {
    private final Path target;
    private Path temp;

    private Staged(Path target, Path temp) {
      this.target = target;
      this.temp = temp;
    }

    /** Forces the new content to disk. */
    public void force() {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        checkFault(temp);
        ch.force(true);
      } catch (IOException e) {
        throw failed(target, e);
      }
    }

    /** Puts the new content in place of the target, in one rename. */
    public void commit() {
      try {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        temp = null;
      } catch (IOException e) {
        throw failed(target, e);
      }
    }

    /** Removes the new content unless it was committed; the target stays as it was. */
    public void discard() {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a hidden temporary file is never read as the target
        }
        temp = null;
      }
    }
  }

  private static UncheckedIOException failed(Path target, IOException e) {
    return new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
  }

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one line and forces it to disk; a crash can lose at most a partial last line. */
  public static synchronized void appendLine(Path target, String line) {
    try {
      checkFault(target);
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + target + ": " + e.getMessage(), e);
    }
  }
}
