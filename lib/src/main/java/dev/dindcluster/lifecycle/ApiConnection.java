package dev.dindcluster.lifecycle;

import dev.dindcluster.kube.KubeApi;
import java.util.Objects;

/**
 * API access for a dump: a client and the server it talks to, or why there is none (the dump then
 * still collects what the nodes hold, and says why the API's part is missing).
 */
public record ApiConnection(KubeApi api, String server, String unavailableReason) implements AutoCloseable {
  public ApiConnection {
    if ((api == null) == (unavailableReason == null)) {
      throw new IllegalArgumentException("either an API client or the reason there is none");
    }
  }

  public static ApiConnection available(KubeApi api, String server) {
    return new ApiConnection(Objects.requireNonNull(api, "api"), server, null);
  }

  public static ApiConnection unavailable(String reason) {
    return new ApiConnection(null, null, Objects.requireNonNull(reason, "reason"));
  }

  public boolean isAvailable() {
    return api != null;
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
  }
}
