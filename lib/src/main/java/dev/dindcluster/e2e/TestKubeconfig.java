package dev.dindcluster.e2e;

import dev.dindcluster.lifecycle.ApiAccess;
import dev.dindcluster.lifecycle.ClusterStateException;
import dev.dindcluster.net.ClusterAddressing;
import dev.dindcluster.net.IpAddress;
import dev.dindcluster.net.IpFamily;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.PublishedPort;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubeconfig handed to e2e.test: the master's own admin.conf (the user's kubeconfig is left
 * alone), its server set to the master's address on the cluster network when the host reaches it
 * (no port forwarding in the way of 40 minutes of API traffic), else to the port published on
 * loopback. Written with mode 0600 into a directory the caller deletes.
 */
public final class TestKubeconfig {
  private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server:\\s*)\\S+\\s*$");

  private TestKubeconfig() {}

  /** Writes {@code dir/kubeconfig} and returns it with the server it points at. */
  public static Written write(ClusterPlan plan, NodeRuntime runtime, Path dir) {
    String master = plan.master().name();
    String adminConf;
    try {
      adminConf = new String(runtime.readFile(master, "/etc/kubernetes/admin.conf"), StandardCharsets.UTF_8);
    } catch (RuntimeFailure e) {
      throw new ClusterStateException("cannot read /etc/kubernetes/admin.conf from '" + master
          + "' (is the cluster up? run 'up' first): " + e.getMessage());
    }
    String server = chooseServer(plan, runtime);
    Matcher m = SERVER.matcher(adminConf);
    if (!m.find()) {
      throw new ClusterStateException("/etc/kubernetes/admin.conf in '" + master + "' names no server");
    }
    String kubeconfig = m.replaceAll(Matcher.quoteReplacement(m.group(1)) + Matcher.quoteReplacement(server));
    try {
      Path file = dir.resolve("kubeconfig");
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, kubeconfig);
      return new Written(file, server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig into " + dir, e);
    }
  }

  public record Written(Path file, String server) {}

  static String chooseServer(ClusterPlan plan, NodeRuntime runtime) {
    Optional<IpAddress> ip = plan.master().ips().stream().findFirst();
    if (ip.isPresent() && reachable(ip.get().toString(), ClusterAddressing.INTERNAL_APISERVER_PORT)) {
      String host = ip.get().family() == IpFamily.IPV6 ? "[" + ip.get() + "]" : ip.get().toString();
      return "https://" + host + ":" + ClusterAddressing.INTERNAL_APISERVER_PORT;
    }
    Optional<PublishedPort> port = runtime.publishedPort(plan.master().name(), ClusterAddressing.INTERNAL_APISERVER_PORT);
    if (port.isEmpty()) {
      throw new ClusterStateException("the API server of '" + plan.label() + "' is reachable neither at the master's address "
          + ip.map(Object::toString).orElse("(none)") + " nor on a published port: run 'up' first");
    }
    return ApiAccess.publishedServer(plan, port.get().hostPort());
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
