package dev.skillwright.app;

import dev.skillwright.dashboard.AccessToken;
import dev.skillwright.dashboard.AllowedHosts;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.SkillwrightException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The MCP server's Streamable HTTP endpoint: the SDK's servlet at {@value #PATH} in an embedded
 * Jetty on 127.0.0.1 only. As the dashboard does ({@link AllowedHosts}), it answers only requests
 * whose {@code Host} names it, so a page that rebinds its DNS name to this machine gets 403
 * before anything reaches MCP; a request from a browser page ({@code Origin}) must come from
 * this server's own origin too. Bound to loopback, it needs no token, by the dashboard's rule;
 * given one ({@code --token}), every request must carry it as {@code Authorization: Bearer},
 * or gets 401. Close it to stop.
 */
final class McpHttpServer implements AutoCloseable {
  /** Where the MCP endpoint is. */
  static final String PATH = "/mcp";
  private static final String HOST = "127.0.0.1";

  private final Server server;
  private final int port;

  private McpHttpServer(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Serves {@code mcp} on {@code port} of 127.0.0.1 (0 for any free one).
   *
   * @param token what every request must carry, or null for none
   * @throws BadInputException when the port is taken
   */
  static McpHttpServer start(int port, HttpServlet mcp, AccessToken token) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("mcp-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(HOST);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    OwnHostsOnly guard = new OwnHostsOnly(token);
    context.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder holder = new ServletHolder("mcp", mcp);
    holder.setAsyncSupported(true); // the SDK answers with server-sent events
    context.addServlet(holder, PATH);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new BadInputException("cannot listen on " + HOST + ":" + port + ": it is in use "
            + "(choose another with --port)");
      }
      throw new SkillwrightException("cannot start the MCP HTTP server: " + e.getMessage(), e);
    }
    int bound = connector.getLocalPort();
    guard.hosts = new AllowedHosts(HOST, bound);
    return new McpHttpServer(server, bound);
  }

  /** The MCP endpoint's address. */
  String url() {
    return "http://" + HOST + ":" + port + PATH;
  }

  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping: nothing left to save
    }
  }

  /**
   * Refuses, with 403, a request whose Host or Origin is not this server's own, and with 401 one
   * without the token when there is one.
   */
  private static final class OwnHostsOnly extends HttpFilter {
    private final AccessToken token;
    /** Set once the port is known; until then every request is refused. */
    volatile AllowedHosts hosts;

    OwnHostsOnly(AccessToken token) {
      this.token = token;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      AllowedHosts own = hosts;
      if (own == null || !own.allows(req.getHeader("Host"))
          || !ownOrigin(own, req.getHeader("Origin"))) {
        // a DNS-rebinding page names its own host; answer only to this server's names
        res.setStatus(HttpServletResponse.SC_FORBIDDEN);
        res.setContentType("text/plain;charset=utf-8");
        res.getWriter().println("forbidden: this MCP server answers only to its own address");
        return;
      }
      if (token != null && !token.carriedBy(req.getHeader("Authorization"))) {
        res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        res.setHeader("WWW-Authenticate", "Bearer");
        res.setContentType("text/plain;charset=utf-8");
        res.getWriter().println("a token is required: send Authorization: Bearer <the --token>");
        return;
      }
      chain.doFilter(req, res);
    }

    /** No Origin (not a browser page), or an http one whose host and port are this server's. */
    private static boolean ownOrigin(AllowedHosts own, String origin) {
      if (origin == null) {
        return true;
      }
      try {
        URI u = URI.create(origin.strip());
        return "http".equalsIgnoreCase(u.getScheme()) && u.getRawAuthority() != null
            && own.allows(u.getRawAuthority());
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
