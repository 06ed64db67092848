package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Builds a docker-java client from an injected environment map (never {@code System.getenv()}):
 * {@code DOCKER_HOST} (default the local socket), {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}.
 */
final class DockerClients {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private DockerClients() {}

  static String dockerHost(Map<String, String> env) {
    String host = env.getOrDefault("DOCKER_HOST", "").strip();
    return host.isEmpty() ? DEFAULT_HOST : host;
  }

  static DockerClient create(Map<String, String> env) {
    DefaultDockerClientConfig.Builder builder =
        new DefaultDockerClientConfig.Builder().withDockerHost(dockerHost(env));
    String tlsVerify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
    if (!tlsVerify.isEmpty() && !"0".equals(tlsVerify)) {
      builder.withDockerTlsVerify(true);
      builder.withDockerCertPath(env.getOrDefault("DOCKER_CERT_PATH",
          env.getOrDefault("HOME", "") + "/.docker"));
    }
    DefaultDockerClientConfig config = builder.build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            // Parallel joins and execs share the client: allow more than the default handful.
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(10))
            // No response timeout: image loads and long execs legitimately take minutes.
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * A GET of the engine's API read as a JSON tree, for an answer of which a field or two is needed:
   * docker-java's typed models bind every nested class on first use (for /info, 0.1-0.2 s of a
   * fresh JVM on 2 cores). {@code docker} is one {@link #create} built.
   */
  static JsonNode getJson(DockerClient docker, String path) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
        .path(path).build();
    try (DockerHttpClient.Response response = ((DockerClientImpl) docker).getHttpClient().execute(request)) {
      if (response.getStatusCode() != 200) {
        throw new RuntimeFailure("GET " + path + ": the engine answered " + response.getStatusCode());
      }
      return DockerClientConfig.getDefaultObjectMapper().readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    }
  }
}
