package dev.skillwright.trajectories;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Text on its way to a terminal, with the control characters a web page could smuggle in taken
 * out: C0 controls but line feed and tab (ESC starts the sequences that move the cursor, retitle
 * the window, or write to the clipboard), DEL, C1 controls, and the bidirectional overrides that
 * make a line read other than it is. Each becomes nothing; the visible text stays.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code s} without control characters; null stays null. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean unsafe(char c) {
    return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f
        || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
  }

  /**
   * A UTF-8 print stream over {@code out} that drops what {@link #clean} drops, so every line a
   * command prints is safe whatever text it carries.
   */
  public static PrintStream filtering(OutputStream out) {
    return new PrintStream(new Filter(out), true, StandardCharsets.UTF_8);
  }

  /** Drops unsafe characters from a UTF-8 byte stream, one byte at a time. */
  private static final class Filter extends FilterOutputStream {
    /** The bytes of a multi-byte character so far, and how many it has. */
    private final byte[] pending = new byte[4];
    private int have;
    private int need;

    Filter(OutputStream out) {
      super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
      int v = b & 0xff;
      if (need > 0) {
        if ((v & 0xc0) == 0x80) {
          pending[have++] = (byte) v;
          if (have == need) {
            flushChar();
          }
          return;
        }
        out.write(pending, 0, have); // malformed: pass it on as it was
        have = 0;
        need = 0;
      }
      if (v < 0x80) {
        if (!unsafe((char) v)) {
          out.write(v);
        }
      } else if (v >= 0xc0 && v < 0xf8) {
        need = v < 0xe0 ? 2 : v < 0xf0 ? 3 : 4;
        pending[0] = (byte) v;
        have = 1;
      } else {
        out.write(v);
      }
    }

    private void flushChar() throws IOException {
      String ch = new String(pending, 0, have, StandardCharsets.UTF_8);
      if (ch.length() != 1 || !unsafe(ch.charAt(0))) {
        out.write(pending, 0, have);
      }
      have = 0;
      need = 0;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      out.flush();
    }
  }
}
