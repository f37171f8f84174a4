package dev.skillwright.dashboard;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.BadInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret every request to a server of ours must carry once the user set one ({@code --token}):
 * the dashboard's, and the MCP server's over HTTP. Compared in constant time; never shown.
 *
 * @param secret at least 12 characters
 * @throws BadInputException for a shorter secret
 */
public record AccessToken(String secret) {
  public AccessToken {
    requireNonNull(secret, "secret");
    if (secret.length() < 12) {
      throw new BadInputException("--token must be at least 12 characters long");
    }
  }

  /** True when {@code given} (null when absent) is the secret. */
  public boolean matches(String given) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8));
  }

  /** True when {@code header} (an {@code Authorization} value, null when absent) is Bearer it. */
  public boolean carriedBy(String header) {
    return header != null && header.startsWith("Bearer ") && matches(header.substring(7));
  }

  @Override
  public String toString() {
    return "AccessToken[(set)]";
  }
}
