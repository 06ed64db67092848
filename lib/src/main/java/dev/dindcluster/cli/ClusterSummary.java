package dev.dindcluster.cli;

import dev.dindcluster.lifecycle.ClusterLifecycle;
import dev.dindcluster.lifecycle.ClusterSession;
import dev.dindcluster.net.Cidr;
import dev.dindcluster.plan.ClusterPlan;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** The short summary after {@code up} on stdout: the original's "Cluster Info" lines plus access. */
final class ClusterSummary {
  private ClusterSummary() {}

  static void print(PrintStream out, ClusterPlan plan, ClusterSession session, long millis) {
    out.printf(Locale.ROOT, "Cluster %s is up (%s, %d nodes Ready) in %.1f s%n", plan.context(),
        session.upDecision().map(d -> d.mode()).orElse(ClusterLifecycle.UpMode.FULL) == ClusterLifecycle.UpMode.RESTORE
            ? "restored from snapshot" : "full bring-up",
        plan.nodes().size(), millis / 1000.0);
    out.println("API server: " + session.apiServerUrl() + " (TLS; kubeconfig " + session.kubeconfigs().path() + ")");
    out.println("Try: kubectl --context " + plan.context() + " get nodes");
    out.println("Network Mode: " + plan.ipMode());
    out.println("Cluster context: " + plan.context());
    out.println("Cluster ID: " + plan.clusterId());
    out.println("Management CIDR(s): " + plan.network().cidrs().stream().map(Cidr::toString).collect(Collectors.joining(", ")));
    out.println("Service CIDR/mode: " + plan.serviceCidr() + "/" + plan.serviceFamily().name().toLowerCase(Locale.ROOT));
    out.println("Pod CIDR(s): " + plan.podNetworkCidrs().stream().map(Cidr::toString).collect(Collectors.joining(", ")));
    out.println("Nodes: " + plan.nodes().stream().map(n -> n.name()).collect(Collectors.joining(", ")));
    out.println("Kubernetes: " + plan.kubernetesVersion() + " (node image " + plan.image() + ", runtime " + plan.options().dindCri() + ")");
    out.println("Cluster DNS: " + plan.dnsServiceIp() + (session.ownDns()
        ? " (dind-cluster's offline DNS: the node image holds no DNS add-on image, so kubeadm's is skipped)"
        : " (kubeadm's " + dev.dindcluster.k8s.ComponentImages.dnsAddonName(plan.version()) + " add-on, from the node image)"));
    out.flush();
  }
}
