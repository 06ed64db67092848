package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Blocks until a baked cluster running as a CI service says it is ready: its {@code
 * /kubernetes-ready} endpoint answers 200 (it answers 503, with what is missing, until the API
 * server, the node and cluster DNS are Ready). For jobs that only see the service's HTTP port.
 */
public final class ServiceWait {
  /** The endpoint asked, relative to the service's base address. */
  public static final String READY_PATH = "/kubernetes-ready";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;
  private final HttpClient http;

  public ServiceWait(Clock clock, Sleeper sleeper, Duration interval) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = interval;
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * The readiness address of a service's base address ({@code http://host:port}): bad input throws
   * {@link IllegalArgumentException} naming the value.
   */
  public static URI readyUri(String base) {
    URI uri;
    try {
      uri = new URI(base);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--url '" + base + "' is not an address: " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() == -1
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("--url '" + base + "' must be a CI service's endpoint address, http://HOST:PORT"
          + " (e.g. http://localhost:8080), with no path");
    }
    return URI.create("http://" + uri.getRawAuthority() + READY_PATH);
  }

  /**
   * @return how long it took
   * @throws ClusterWait.TimedOut when {@code timeout} passed first, saying the service's last answer
   */
  public Duration await(URI ready, Duration timeout) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    String last = "no answer yet";
    while (true) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(REQUEST_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return Duration.between(start, clock.instant());
        }
        last = "HTTP " + response.statusCode() + ": " + firstLine(response.body());
      } catch (IOException e) {
        last = "no answer (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterWait.TimedOut("interrupted while waiting for " + ready);
      }
      if (!clock.instant().plus(interval).isBefore(deadline)) {
        throw new ClusterWait.TimedOut(ready + " not ready after " + timeout.toSeconds() + " s; its last answer: " + last);
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterWait.TimedOut("interrupted while waiting for " + ready);
      }
    }
  }

  private static String firstLine(String body) {
    String line = body.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
