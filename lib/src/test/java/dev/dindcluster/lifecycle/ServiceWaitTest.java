package dev.dindcluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dindcluster.kube.FakeTime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code wait --url}: polls a CI service's readiness endpoint, a real HTTP server on loopback here. */
class ServiceWaitTest {
  private final FakeTime time = new FakeTime();
  private final ServiceWait wait = new ServiceWait(time.clock, time.sleeper, Duration.ofSeconds(1));
  private HttpServer server;

  /** Answers 503 with a reason {@code notReadyAnswers} times, then 200. */
  private URI serve(int notReadyAnswers, AtomicInteger asked) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(ServiceWait.READY_PATH, exchange -> {
      boolean ready = asked.incrementAndGet() > notReadyAnswers;
      byte[] body = (ready ? "ready\n" : "not ready: cluster DNS not Ready yet\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return ServiceWait.readyUri("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void readyOnceTheEndpointAnswers200() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    URI ready = serve(2, asked);
    assertThat(ready.getPath()).isEqualTo("/kubernetes-ready");
    assertThat(wait.await(ready, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(2));
    assertThat(asked).hasValue(3);
  }

  @Test
  void aServiceThatStaysUnreadyTimesOutWithItsLastAnswer() throws Exception {
    URI ready = serve(Integer.MAX_VALUE, new AtomicInteger());
    assertThatThrownBy(() -> wait.await(ready, Duration.ofSeconds(5)))
        .isInstanceOf(ClusterWait.TimedOut.class)
        .hasMessageContaining("not ready after 5 s")
        .hasMessageContaining("HTTP 503: not ready: cluster DNS not Ready yet");
  }

  @Test
  void badAddressesAreBadInputNamingTheValue() {
    for (String bad : new String[] {"localhost:8080", "https://localhost:8080", "http://localhost", "http://localhost:8080/config",
        "http://localhost:8080?x=1", "http://user@localhost:8080", "http://bad host:8080"}) {
      assertThatThrownBy(() -> ServiceWait.readyUri(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--url '" + bad + "'");
    }
    assertThat(ServiceWait.readyUri("http://ci-cluster:8080/")).hasToString("http://ci-cluster:8080/kubernetes-ready");
    assertThat(ServiceWait.readyUri("http://[::1]:8080")).hasToString("http://[::1]:8080/kubernetes-ready");
  }
}
