package dev.skillwright.app;

import dev.skillwright.browser.Scope;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which site to work on: a bundled env, started in-process, or a URL the user serves. A picocli
 * mixin of the commands that drive a browser.
 */
final class SiteOptions {
  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice;

  @Option(names = "--site", paramLabel = "NAME",
      description = "With --url: the name its skills and sessions go under (default: the "
          + "origin's host and port, such as 127.0.0.1-8000).")
  String siteName;

  @Option(names = "--variant", defaultValue = "v1", paramLabel = "NAME",
      description = "With --env: the site's variant (shop has v2, whose markup drifted).")
  String variant;

  static final class Choice {
    @Option(names = "--env", paramLabel = "NAME",
        description = "A bundled site: shop, forum, wiki or tracker.")
    String env;

    @Option(names = "--url", paramLabel = "URL",
        description = "Start page of your own site; its origin is the scope.")
    String url;
  }

  /** The running site: its name, start URL and scope, and the env to stop afterwards. */
  record Target(String site, String startUrl, Scope scope, Site env) implements AutoCloseable {
    /** The user's secrets over the bundled site's demo credentials, if it has any. */
    Secrets secrets(Secrets user) {
      return env == null ? user : Secrets.of(env.demoSecrets()).with(user);
    }

    @Override
    public void close() {
      if (env != null) {
        env.close();
      }
    }
  }

  /**
   * Starts the env, or checks that the URL answers.
   *
   * @throws BadInputException for an unknown env or a URL that is malformed or unreachable
   */
  Target open() {
    if (choice == null) {
      throw new BadInputException("missing required argument: one of --env=NAME or --url=URL "
          + "(see --help)");
    }
    if (siteName != null && choice.env != null) {
      throw new BadInputException("--site names a --url site; a bundled env has its own name");
    }
    Target t = open(choice.env, choice.url, variant, mixee.commandLine().getErr());
    return siteName == null ? t : new Target(checkedName(siteName), t.startUrl(), t.scope(),
        t.env());
  }

  /** A site name is a path segment and the part of a skill id before its colon. */
  static String checkedName(String name) {
    String n = name.strip();
    if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new BadInputException("--site must be letters, digits, '.', '_' or '-' (at most 64, "
          + "not starting with a sign): " + name);
    }
    return n;
  }

  /**
   * The name of a site known by its URL: its origin's host and, when not the scheme's default,
   * port ({@code 127.0.0.1-8000}), so two apps on one host never share skills; {@code https}
   * is said too ({@code https-example.com}), since it may serve another site than {@code http}.
   */
  static String originName(String url) {
    URI u = URI.create(url);
    String host = u.getHost() == null ? "site" : u.getHost().toLowerCase(java.util.Locale.ROOT);
    String name = u.getPort() < 0 ? host : host + "-" + u.getPort();
    return "https".equalsIgnoreCase(u.getScheme()) ? "https-" + name : name;
  }

  /** True when the user named a site. */
  boolean given() {
    return choice != null;
  }

  /**
   * Starts env {@code env} (its {@code variant}) or checks {@code url}; exactly one is set.
   * Notices go to {@code err}.
   */
  static Target open(String env, String rawUrl, String variant, java.io.PrintWriter err) {
    if (env != null) {
      Site site = Sites.start(env, variant);
      return new Target(site.name(), site.baseUrl(), Scope.ofUrl(site.baseUrl()), site);
    }
    String url = withoutCredentials(rawUrl.strip(), err);
    Scope scope = Scope.ofUrl(url);
    checkReachable(url);
    return new Target(originName(url), url, scope, null);
  }

  /**
   * {@code url} without the user name and password of its authority, so they are never written
   * (session, trajectories, events, skills) nor printed. A site behind HTTP authentication gets
   * its secrets through {@code --secret}, which the recorder masks.
   */
  static String withoutCredentials(String url, java.io.PrintWriter err) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at < start) {
      return url;
    }
    err.println("skillwright: the user name and password in --url are left out: they "
        + "are neither used nor stored");
    return url.substring(0, start) + url.substring(at + 1);
  }

  static void checkReachable(String url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET()
          .build(), HttpResponse.BodyHandlers.discarding());
    } catch (ConnectException e) {
      throw new BadInputException("cannot reach " + url + ": connection refused");
    } catch (HttpTimeoutException e) {
      throw new BadInputException("cannot reach " + url + ": no answer within 10 s");
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException("cannot reach " + url + ": " + Main.firstLine(
          String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadInputException("interrupted while checking " + url);
    }
  }
}
