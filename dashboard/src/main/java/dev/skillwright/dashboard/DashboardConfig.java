package dev.skillwright.dashboard;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.BadInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where the dashboard listens and what it serves. Binding to anything but a loopback address
 * needs a token, which every request must then carry.
 *
 * @param token null for none (loopback only)
 */
public record DashboardConfig(Path dataDir, String host, int port, String token) {
  public DashboardConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be within 0..65535: " + port);
    }
    if (token != null) {
      new AccessToken(token); // the same rule as every token of ours
    }
    if (!isLoopback(host) && token == null) {
      throw new BadInputException("binding to " + host + " exposes the dashboard beyond this "
          + "machine: pass --token with a secret of 12 or more characters");
    }
  }

  public static DashboardConfig local(Path dataDir, int port) {
    return new DashboardConfig(dataDir, "127.0.0.1", port, null);
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new BadInputException("--host " + host + ": unknown host");
    }
  }

  @Override
  public String toString() {
    return "DashboardConfig[" + host + ":" + port + ", dataDir=" + dataDir + ", token="
        + (token == null ? "none" : "(set)") + "]";
  }
}
