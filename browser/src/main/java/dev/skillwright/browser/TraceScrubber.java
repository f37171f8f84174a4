package dev.skillwright.browser;

import dev.skillwright.trajectories.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Takes secret values out of a Playwright trace. A trace records what each action typed and
 * snapshots of the page, so a secret typed into a form is in it twice; every text entry of the
 * zip is rewritten with {@link Secrets#redact}. Images are left as they are (a password field
 * shows dots; a page that prints a secret in clear shows it in its screenshots too).
 */
final class TraceScrubber {
  private TraceScrubber() {}

  static void scrub(Path zip, Secrets secrets) throws IOException {
    if (secrets.isEmpty() || !Files.exists(zip)) {
      return;
    }
    Path tmp = Files.createTempFile(zip.getParent(), ".trace", ".zip");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = readAll(in);
        if (isText(e.getName())) {
          data = secrets.redact(new String(data, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(data);
        out.closeEntry();
      }
    }
    Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
