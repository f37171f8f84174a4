package dev.skillwright.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes of a request. {@link #exact} covers everything, images included, for the cache.
 * {@link #portable} folds what differs between two runs of the same session: loopback ports (the
 * bundled sites start on a free port) and image bytes (screenshots may differ by a pixel), so a
 * cassette recorded once replays in the next run.
 */
final class RequestKey {
  private RequestKey() {}

  static String exact(ChatRequest r) {
    MessageDigest md = sha256();
    update(md, r.purpose() + "|" + r.temperature() + "|" + r.maxTokens() + "|" + r.json());
    for (Message m : r.messages()) {
      update(md, "\u0000" + m.role());
      for (Message.Part p : m.parts()) {
        if (p instanceof Message.Text t) {
          update(md, "\u0001" + t.text());
        } else if (p instanceof Message.Image i) {
          update(md, "\u0002" + i.mimeType());
          md.update(i.data());
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String portable(ChatRequest r) {
    MessageDigest md = sha256();
    update(md, r.purpose() + "|" + r.json());
    for (Message m : r.messages()) {
      update(md, "\u0000" + m.role());
      for (Message.Part p : m.parts()) {
        if (p instanceof Message.Text t) {
          update(md, "\u0001" + normalize(t.text()));
        } else {
          update(md, "\u0002image");
        }
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 24);
  }

  static String normalize(String text) {
    return text.replaceAll("(?<=//(127\\.0\\.0\\.1|localhost)):\\d+", ":PORT");
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
