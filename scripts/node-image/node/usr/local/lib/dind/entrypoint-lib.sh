# Decisions of dind-entrypoint, as functions of what they read: each takes the files it looks at
# as arguments and prints its answer, so tests run them on made-up /proc files and rule sets.
# POSIX sh (the entrypoint runs before anything else in the node).

# dind_restricted STATUS: "true" when CAP_SYS_RESOURCE (bit 24) is not in the capability bounding
# set that STATUS (a /proc/<pid>/status) shows. Then runc cannot start privileged containers or lower
# oom_score_adj, and the inner runtimes run every container through dind-runc.
dind_restricted() {
  capbnd="$(awk '/^CapBnd:/ { print $2 }' "$1")"
  [ -n "${capbnd}" ] || { echo "dind_restricted: no CapBnd line in $1" >&2; return 1; }
  if [ $(( (0x${capbnd} >> 24) & 1 )) -eq 1 ]; then echo false; else echo true; fi
}

# dind_sandbox_image RECORD: the pod sandbox ("pause") image the node image holds, as its builder
# recorded it. containerd's own default names an image no node has.
dind_sandbox_image() {
  image="$(head -n 1 "$1" 2>/dev/null || true)"
  case "${image}" in
    */pause:*|*/pause-amd64:*) echo "${image}" ;;
    *) echo "dind_sandbox_image: $1 names no pause image ('${image}'): the node image was not built by this project's builders" >&2; return 1 ;;
  esac
}

# dind_containerd_config SANDBOX_IMAGE RESTRICTED: containerd's configuration (CRI plugin on):
# images in the k8s.io namespace (dind-load-images puts the component images there), the node
# image's own sandbox image, cgroupfs like kubelet, overlayfs on the /var volume, the node's CNI
# directories, and on a restricted host every pod container through dind-runc. No AppArmor: a node
# cannot load profiles (no parser, no securityfs) and runs unconfined itself.
dind_containerd_config() {
  if [ "$2" = true ]; then
    runc_binary='
          BinaryName = "/usr/local/bin/dind-runc"'
  else
    runc_binary=''
  fi
  cat <<TOML
# Written by dind-entrypoint at every boot.
version = 2

[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "$1"
    disable_apparmor = true
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          SystemdCgroup = false${runc_binary}
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/opt/cni/bin"
      conf_dir = "/etc/cni/net.d"
  [plugins."io.containerd.internal.v1.opt"]
    path = "/var/lib/containerd/opt"
TOML
}

# Docker's embedded DNS answers at 127.0.0.11 in the node's network namespace only: a pod that
# inherits the node's resolv.conf (dnsPolicy Default: kubeadm's CoreDNS, kube-dns) sends its queries
# to its own loopback, and CoreDNS's loop plugin halts on that. So the node names a non-loopback
# address instead, the network's gateway (which nothing in the node owns), and the engine's own DNAT
# rules are extended to it: for the node's own queries (OUTPUT, as the engine had them) and for
# queries routed in from pods (PREROUTING). kind's entrypoint does the same.
DIND_EMBEDDED_DNS=127.0.0.11

# dind_dns_rules SAVED GATEWAY: from SAVED (iptables-save -t nat of the node's namespace, holding
# the engine's DOCKER_OUTPUT/DOCKER_POSTROUTING chains), the iptables-restore input that sends
# GATEWAY:53 to the embedded DNS. Prints nothing when SAVED has no such rules.
dind_dns_rules() {
  grep -q -- "-d ${DIND_EMBEDDED_DNS}/32 .*-j DNAT" "$1" || return 0
  sed -e "s|-d ${DIND_EMBEDDED_DNS}/32|-d $2/32|g" \
      -e 's|^-A OUTPUT \(.*\) -j DOCKER_OUTPUT$|&\n-A PREROUTING \1 -j DOCKER_OUTPUT|' \
      -e "s|--to-source :53|--to-source $2:53|g" \
      "$1"
}

# dind_resolv_conf RESOLV GATEWAY: RESOLV with the embedded DNS's address replaced by GATEWAY.
dind_resolv_conf() {
  sed -e "s|^nameserver ${DIND_EMBEDDED_DNS}\$|nameserver $2|" "$1"
}

# dind_cgroup_mode MOUNTINFO: how the cgroup hierarchy at /sys/fs/cgroup is mounted, from a
# /proc/<pid>/mountinfo: "v2" (cgroup2 at /sys/fs/cgroup: nearly every host of 2026), "hybrid" (v1
# controllers plus cgroup2 at /sys/fs/cgroup/unified) or "v1" (controllers only: this project's machine).
dind_cgroup_mode() {
  awk '
    { sep = 0; for (i = 1; i <= NF; i++) if ($i == "-") { sep = i; break } ; fstype = $(sep + 1) }
    $5 == "/sys/fs/cgroup" && fstype == "cgroup2" { v2 = 1 }
    $5 == "/sys/fs/cgroup/unified" && fstype == "cgroup2" { unified = 1 }
    $5 ~ "^/sys/fs/cgroup/" && fstype == "cgroup" { v1 = 1 }
    END { if (v2) print "v2"; else if (v1 && unified) print "hybrid"; else if (v1) print "v1"; else print "none" }
  ' "$1"
}

# dind_cgroup2_nest ROOT: on cgroup v2 (ROOT is /sys/fs/cgroup, the node's own under a private cgroup
# namespace), moves every process of ROOT into ROOT/init and enables all of ROOT's controllers for its
# children. cgroup v2 lets a group hand controllers down only when no process sits in it ("no internal
# processes"), so without this the inner runtime and kubelet cannot enable cpu, memory or pids for pods.
dind_cgroup2_nest() {
  [ -f "$1/cgroup.controllers" ] || { echo "dind_cgroup2_nest: $1 is not a cgroup v2 hierarchy" >&2; return 1; }
  mkdir -p "$1/init"
  # One PID a write: the kernel takes a single process per write to cgroup.procs.
  while read -r pid; do
    echo "${pid}" >>"$1/init/cgroup.procs" 2>/dev/null || true  # a process may have exited meanwhile
  done <"$1/cgroup.procs"
  controllers="$(cat "$1/cgroup.controllers")"
  [ -z "${controllers}" ] || echo "${controllers}" | sed -e 's/^/+/' -e 's/ / +/g' >"$1/cgroup.subtree_control"
}

# dind_iptables_backend LEGACY_SAVE NFT_SAVE: which iptables the node uses (legacy or nft), from what
# iptables-legacy-save and iptables-nft-save print in the node's network namespace: the one that already
# holds the host's (the engine's) rules, more rules winning, nft when both are empty. Rules of the two
# backends on one hook do not see each other, so a node on the other backend than its host silently
# loses masquerading. kind's entrypoint decides the same way.
dind_iptables_backend() {
  legacy="$(grep -c '^-' "$1" 2>/dev/null || true)"
  nft="$(grep -c '^-' "$2" 2>/dev/null || true)"
  if [ "${legacy:-0}" -gt "${nft:-0}" ]; then echo legacy; else echo nft; fi
}
