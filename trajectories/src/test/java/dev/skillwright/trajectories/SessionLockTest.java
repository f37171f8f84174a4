package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks say which sessions live; terminal text carries no control characters. */
class SessionLockTest {
  @TempDir
  Path dir;

  static SessionRecord running(String id) {
    return new SessionRecord(SessionRecord.SCHEMA_VERSION, id, "shop", "x", Instant.EPOCH, null,
        SessionRecord.Status.RUNNING, Map.of(), null, null);
  }

  @Test
  void a_running_session_whose_lock_is_free_is_marked_interrupted_and_a_live_one_is_not() {
    Store store = Store.at(dir);
    Store.SessionLog live = store.startSession(running("20260101-000000-aaaa"));
    Store.SessionLog dead = store.startSession(running("20260101-000000-bbbb"));
    dead.close(); // as the OS does when its process dies

    assertThat(store.markInterrupted()).containsExactly("20260101-000000-bbbb");
    assertThat(store.sessions()).extracting(SessionRecord::status).containsExactly(
        SessionRecord.Status.INTERRUPTED, SessionRecord.Status.RUNNING);
    assertThat(store.markInterrupted()).isEmpty();
    assertThatThrownBy(() -> store.resumeSession("20260101-000000-aaaa"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("is running in another");
    live.close();
    try (Store.SessionLog resumed = store.resumeSession("20260101-000000-bbbb")) {
      resumed.writeTasks(List.of(new Task("t1", "shop", "Go to the \"Books\" page.",
          "http://127.0.0.1:1/", null, Map.of("page", "Books"))));
    }
    assertThat(store.readTasks("20260101-000000-bbbb").orElseThrow()).singleElement()
        .satisfies(t -> assertThat(t.params()).containsEntry("page", "Books"));
    assertThat(store.readTasks("20260101-000000-aaaa")).isEmpty();
  }

  @Test
  void one_writer_per_data_directory() {
    Store store = Store.at(dir);
    try (FileLocks.Held first = store.lockDataDir("a crawl of shop")) {
      assertThatThrownBy(() -> store.lockDataDir("another"))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("is in use by another process (pid "
              + ProcessHandle.current().pid() + ", a crawl of shop");
    }
    store.lockDataDir("again").close();
  }

  @Test
  void terminal_text_drops_control_characters_and_keeps_the_rest() {
    String hostile = "a\u001b]0;title\u0007b\u001b[2Jc\u009b31md\u202ee\u2066f\rg\u0000h\u007fi";
    assertThat(TerminalText.clean(hostile)).isEqualTo("a]0;titleb[2Jc31mdefghi");
    assertThat(TerminalText.clean("caf\u00e9 \u65e5\u672c \ud83d\ude00\n\tok"))
        .isEqualTo("caf\u00e9 \u65e5\u672c \ud83d\ude00\n\tok");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = TerminalText.filtering(bytes);
    out.println(hostile + " caf\u00e9 \ud83d\ude00");
    out.flush();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("a]0;titleb[2Jc31mdefghi caf\u00e9 \ud83d\ude00" + System.lineSeparator());
  }
}
