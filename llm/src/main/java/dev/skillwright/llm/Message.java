package dev.skillwright.llm;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** One chat message: a role and its parts, text and images in order. */
public record Message(Role role, List<Part> parts) {
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  /** A piece of a message. */
  public sealed interface Part {}

  public record Text(String text) implements Part {
    public Text {
      requireNonNull(text, "text");
    }
  }

  /** An image, sent as a base64 data URL. */
  public record Image(String mimeType, byte[] data) implements Part {
    public Image {
      requireNonNull(mimeType, "mimeType");
      requireNonNull(data, "data");
    }
  }

  public Message {
    requireNonNull(role, "role");
    parts = List.copyOf(parts);
  }

  public static Message system(String text) {
    return new Message(Role.SYSTEM, List.of(new Text(text)));
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(new Text(text)));
  }

  /** A user message: the text, then each JPEG image. */
  public static Message user(String text, List<byte[]> jpegs) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Text(text));
    jpegs.stream().filter(j -> j != null && j.length > 0)
        .forEach(j -> parts.add(new Image("image/jpeg", j)));
    return new Message(Role.USER, parts);
  }

  public static Message user(String text) {
    return user(text, List.of());
  }

  /** The text parts joined. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    parts.stream().filter(p -> p instanceof Text).forEach(p -> sb.append(((Text) p).text()));
    return sb.toString();
  }
}
