package dev.dindcluster.kube;

import java.util.List;

/** A node as {@code kubectl get nodes -o wide} shows it. */
public record NodeStatus(String name, boolean ready, List<String> roles, String internalIp, String kubeletVersion) {
  public NodeStatus {
    roles = List.copyOf(roles);
  }
}
