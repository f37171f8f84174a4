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
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice;

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
    return open(choice.env, choice.url, variant);
  }

  /** True when the user named a site. */
  boolean given() {
    return choice != null;
  }

  /** Starts env {@code env} (its {@code variant}) or checks {@code url}; exactly one is set. */
  static Target open(String env, String rawUrl, String variant) {
    if (env != null) {
      Site site = Sites.start(env, variant);
      return new Target(site.name(), site.baseUrl(), Scope.ofUrl(site.baseUrl()), site);
    }
    String url = withoutCredentials(rawUrl.strip());
    Scope scope = Scope.ofUrl(url);
    checkReachable(url);
    return new Target(URI.create(url).getHost(), url, scope, null);
  }

  /**
   * {@code url} without the user name and password of its authority, so they are never written
   * (session, trajectories, events, skills) nor printed. A site behind HTTP authentication gets
   * its secrets through {@code --secret}, which the recorder masks.
   */
  static String withoutCredentials(String url) {
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
    System.err.println("skillwright: the user name and password in --url are left out: they "
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
