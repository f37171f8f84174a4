package dev.skillwright.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.skillwright.trajectories.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a session's {@code events.jsonl} as server-sent events: every line so far, then each
 * new one as the crawl appends it, until the page goes away or the session has finished.
 */
final class EventStream {
  static final long POLL_MILLIS = 200;
  private final Store store;

  EventStream(Store store) {
    this.store = store;
  }

  void serve(HttpExchange ex, String sessionId) throws IOException {
    Path file = store.sessionsDir().resolve(sessionId).resolve(Store.EVENTS_FILE);
    if (!sessionId.matches("[A-Za-z0-9._-]+") || !Files.isDirectory(file.getParent())) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    long offset = 0;
    StringBuilder partial = new StringBuilder();
    try (OutputStream out = ex.getResponseBody()) {
      int idleAfterEnd = 0;
      while (idleAfterEnd < 25) {
        boolean ended = false;
        if (Files.exists(file)) {
          try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() > offset) {
              raf.seek(offset);
              byte[] buf = new byte[(int) Math.min(raf.length() - offset, 1 << 20)];
              raf.readFully(buf);
              offset += buf.length;
              partial.append(new String(buf, StandardCharsets.UTF_8));
              int nl;
              while ((nl = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, nl).strip();
                partial.delete(0, nl + 1);
                if (!line.isEmpty()) {
                  // a JSON line holds no raw newline, so it is one data field
                  out.write(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
                  ended |= line.contains("\"type\":\"session_finished\"")
                      || line.contains("\"type\":\"session_failed\"");
                }
              }
              out.flush();
            }
          }
        }
        if (ended || idleAfterEnd > 0) {
          idleAfterEnd++;
        } else {
          // a comment line keeps proxies from closing a quiet stream, and finds a closed page
          out.write(": tick\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } catch (IOException e) {
      // the page was closed
    }
  }
}
