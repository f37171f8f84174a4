package dev.skillwright.browser;

import dev.skillwright.trajectories.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Takes secret values out of a Playwright trace. A trace records what each action typed and
 * snapshots of the page, so a secret typed into a form is in it twice; every text entry of the
 * zip is rewritten with {@link Secrets#redact}. Images are left as they are (a password field
 * shows dots; a page that prints a secret in clear shows it in its screenshots too). It also
 * keeps a later chunk of a context's trace to itself ({@link #ownChunk}).
 */
final class TraceScrubber {
  private TraceScrubber() {}

  /**
   * Rewrites the trace {@code zip} without {@code secrets}, and, when it is a {@code laterChunk}
   * of its context's trace (one saved after the context's first), without what earlier chunks
   * recorded.
   */
  static void scrub(Path zip, Secrets secrets, boolean laterChunk) throws IOException {
    if (secrets.isEmpty() && !laterChunk || !Files.exists(zip)) {
      return;
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), readAll(in));
      }
    }
    if (laterChunk) {
      ownChunk(entries);
    }
    Path tmp = Files.createTempFile(zip.getParent(), ".trace", ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] data = e.getValue();
        if (!secrets.isEmpty() && isText(e.getKey())) {
          data = secrets.redact(new String(data, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(data);
        out.closeEntry();
      }
    }
    Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static final Pattern CHUNK_START =
      Pattern.compile("\"type\":\"context-options\".*?\"monotonicTime\":([0-9.]+)");
  private static final Pattern REQUEST_TIME = Pattern.compile("\"_monotonicTime\":([0-9.]+)");

  /**
   * Playwright keeps a context's network log across trace chunks, so a later chunk's zip holds
   * the requests of the earlier ones too, with the bodies they name: this drops the requests made
   * before the chunk began (its {@code context-options} event says when) and the bodies nothing
   * left names.
   */
  private static void ownChunk(Map<String, byte[]> entries) {
    byte[] trace = entries.get("trace.trace");
    byte[] network = entries.get("trace.network");
    if (trace == null || network == null) {
      return;
    }
    String events = new String(trace, StandardCharsets.UTF_8);
    Matcher start = CHUNK_START.matcher(events);
    if (!start.find()) {
      return;
    }
    double began = Double.parseDouble(start.group(1));
    String requests = new String(network, StandardCharsets.UTF_8).lines().filter(l -> {
      Matcher t = REQUEST_TIME.matcher(l);
      return !t.find() || Double.parseDouble(t.group(1)) >= began;
    }).collect(Collectors.joining("\n", "", "\n"));
    entries.put("trace.network", requests.getBytes(StandardCharsets.UTF_8));
    String named = events + requests;
    entries.keySet().removeIf(n -> n.startsWith("resources/")
        && !named.contains(n.substring("resources/".length()).replaceFirst("\\..*", "")));
  }

  private static boolean isText(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return !(n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png")
        || n.endsWith(".webp") || n.endsWith(".woff") || n.endsWith(".woff2"));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toByteArray();
  }
}
