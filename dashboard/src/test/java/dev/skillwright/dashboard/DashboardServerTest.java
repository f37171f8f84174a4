package dev.skillwright.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.BadInputException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The server over plain HTTP: confinement of files, the token, the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardServerTest {
  @TempDir
  static Path root;
  Path data;
  Dashboard dashboard;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    data = root.resolve("data");
    Fixture.write(data);
    Files.writeString(root.resolve("secret.jpg"), "outside the data directory");
    Files.writeString(data.resolve("sessions").resolve("notes.json"), "{}");
    dashboard = Dashboard.start(DashboardConfig.local(data, 0));
  }

  @AfterAll
  void stop() {
    dashboard.close();
  }

  /** Sends a raw request line, so paths reach the server exactly as written. */
  int rawStatus(String path) throws Exception {
    return rawStatus(path, "127.0.0.1:" + dashboard.port(), dashboard.port());
  }

  /** Sends a raw request with the {@code Host} header given (null for none). */
  static int rawStatus(String path, String host, int port) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\n"
          + (host == null ? "" : "Host: " + host + "\r\n")
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + dashboard.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void screenshots_are_served_and_nothing_outside_the_sessions_is() throws Exception {
    String shot = "/files/sessions/" + Fixture.DONE + "/episodes/aaaa-001/step-000.jpg";
    assertThat(rawStatus(shot)).isEqualTo(200);

    for (String path : List.of(
        "/files/../secret.jpg",
        "/files/sessions/../../secret.jpg",
        "/files/%2e%2e/%2e%2e/secret.jpg",
        "/files/sessions/%2e%2e/%2e%2e/secret.jpg",
        "/files/sessions/" + Fixture.DONE + "/episodes/aaaa-001/..%2f..%2f..%2f..%2fsecret.jpg",
        "/files/sessions/" + Fixture.DONE + "/episodes/aaaa-001/%2e%2e%5c%2e%2e%5csecret.jpg",
        "/files//etc/passwd",
        "/files/%2Fetc%2Fpasswd",
        "/files/sessions/x/episodes/y/%00.jpg",
        "/files/sessions/notes.json",
        "/files/sessions/" + Fixture.DONE + "/session.json",
        "/assets/../pom.xml",
        "/assets/%2e%2e%2fpom.xml",
        "/episodes/..%2f..%2fsecret.jpg",
        "/api/episodes/..%2F..%2Fsecret.jpg")) {
      assertThat(rawStatus(path)).as(path).isIn(400, 404);
    }
  }

  @Test
  void the_api_serves_sessions_skills_and_episodes_as_json() throws Exception {
    HttpResponse<String> sessions = get("/api/sessions");
    assertThat(sessions.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(sessions.body()).contains(Fixture.DONE, Fixture.RUNNING);
    assertThat(get("/api/skills?q=basket").body()).startsWith("[ {").contains("add-item-to-the-cart");
    assertThat(get("/api/episodes/aaaa-001").body())
        .contains("\"files\" : \"/files/sessions/" + Fixture.DONE + "/episodes/aaaa-001/\"");
    assertThat(get("/api/episodes/nope").statusCode()).isEqualTo(404);
    assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
  }

  @Test
  void every_asset_is_local() throws Exception {
    String css = get("/assets/style.css").body();
    String js = get("/assets/app.js").body();
    String html = get("/").body() + get("/skills").body() + get("/episodes/aaaa-001").body();
    for (String s : List.of(css, js, html)) {
      assertThat(s).doesNotContain("http://", "https://", "//cdn", "@import");
    }
  }

  @Test
  void only_the_dashboards_own_names_are_answered() throws Exception {
    int port = dashboard.port();
    for (String own : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
        "LOCALHOST:" + port, "localhost.:" + port)) {
      assertThat(rawStatus("/api/skills", own, port)).as(own).isEqualTo(200);
    }
    // a DNS-rebinding page sends its own name; a wrong port or no Host is no better
    for (String foreign : List.of("evil.example", "evil.example:" + port, "localhost.evil.example:"
        + port, "127.0.0.1.nip.io:" + port, "localhost:" + (port == 1 ? 2 : port - 1),
        "127.0.0.1", "::1:" + port, "[::1", "localhost:" + port + "0", "")) {
      assertThat(rawStatus("/api/skills", foreign, port)).as(foreign).isEqualTo(421);
    }
    assertThat(rawStatus("/api/skills", null, port)).isEqualTo(421);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + port + "/api/skills")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void with_a_token_a_foreign_host_is_refused_even_with_the_token() throws Exception {
    String token = "correct-horse-battery";
    try (Dashboard guarded = Dashboard.start(new DashboardConfig(data, "0.0.0.0", 0, token))) {
      int port = guarded.port();
      assertThat(rawStatus("/api/skills?token=" + token, "evil.example:" + port, port))
          .isEqualTo(421);
      assertThat(rawStatus("/api/skills?token=" + token, "192.0.2.7:" + port, port))
          .as("an address of this machine, typed by its user").isEqualTo(200);
      assertThat(rawStatus("/api/skills?token=" + token, "127.0.0.1:" + port, port))
          .isEqualTo(200);
    }
    try (Dashboard one = Dashboard.start(new DashboardConfig(data, "127.0.0.2", 0, null))) {
      int port = one.port();
      try (Socket s = new Socket("127.0.0.2", port)) {
        s.getOutputStream().write(("GET /api/skills HTTP/1.1\r\nHost: evil.example:" + port
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
            .endsWith("421");
      }
      try (Socket s = new Socket("127.0.0.2", port)) {
        s.getOutputStream().write(("GET /api/skills HTTP/1.1\r\nHost: 127.0.0.2:" + port
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
            .endsWith("200");
      }
    }
  }

  @Test
  void binding_beyond_loopback_needs_a_token() {
    assertThatThrownBy(() -> new DashboardConfig(data, "0.0.0.0", 0, null))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("binding to 0.0.0.0 exposes the dashboard beyond this machine");
    assertThatThrownBy(() -> new DashboardConfig(data, "0.0.0.0", 0, "short"))
        .hasMessage("--token must be at least 12 characters long");
  }

  @Test
  void with_a_token_every_request_must_carry_it() throws Exception {
    String token = "correct-horse-battery";
    try (Dashboard guarded = Dashboard.start(new DashboardConfig(data, "0.0.0.0", 0, token))) {
      String base = "http://127.0.0.1:" + guarded.port();
      HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
          .build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base
          + "/?token=correct-horse-batterz")).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(base
          + "/?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(base
          + "/api/sessions")).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> cookie = http.send(HttpRequest.newBuilder(URI.create(base
          + "/assets/app.js")).header("Cookie", "sw_token=" + token).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(query.statusCode()).isEqualTo(200);
      assertThat(query.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("sw_token=" + token).contains("HttpOnly", "SameSite=Strict");
      assertThat(bearer.statusCode()).isEqualTo(200);
      assertThat(cookie.statusCode()).isEqualTo(200);
      assertThat(guarded.url()).endsWith("/?token=" + token);
    }
  }
}
