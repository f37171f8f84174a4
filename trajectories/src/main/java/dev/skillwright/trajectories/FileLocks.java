package dev.skillwright.trajectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Exclusive locks on files, held by a live process: the operating system frees them when the
 * process ends, killed or not, so a free lock proves its last holder is gone. A holder writes
 * its pid and purpose into the file, for the message another process shows.
 */
public final class FileLocks {
  private FileLocks() {}

  /** A lock this process holds; close it to release it. */
  public static final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the channel is going away; the lock goes with it
      }
    }
  }

  /** The lock of {@code file}, created if need be, or empty when another holder has it. */
  static Optional<Held> tryLock(Path file, String purpose) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this process holds it already
      }
      if (lock == null) {
        ch.close();
        return Optional.empty();
      }
      if (!purpose.equals("check")) {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + purpose
            + ", since " + java.time.Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      }
      return Optional.of(new Held(ch, lock));
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** What the holder of {@code file} wrote about itself. */
  static String owner(Path file) {
    try {
      String s = Files.readString(file).strip();
      return s.isEmpty() ? "unknown" : TerminalText.clean(s.lines().findFirst().orElse(""));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
