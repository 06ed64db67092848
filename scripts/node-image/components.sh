#!/usr/bin/env bash
# Recipe of the component images (its hash is part of their cache key).
#   components.sh ROOTFS BINDIR DNS_BIN DEBS_DIR WORK KEY OUT_TAR IMAGE_REF...
# Builds each named image as one tiny layer and `docker import`s it under its final name (an import
# is atomic: the name appears only with a complete image), then saves them into OUT_TAR, except the
# control plane's (etcd, kube-apiserver, kube-controller-manager, kube-scheduler), which go into
# OUT_TAR's sibling <name>-control-plane.tar: only a master loads those.
#
# The shared "tiny" layer: a static busybox, plus glibc and everything iptables-nft, its xtables
# modules and conntrack need (kube-proxy runs them) taken from the node base rootfs — libm included,
# or kube-proxy's iptables-restore fails for multi-endpoint services (the statistic match needs it).
set -euo pipefail
ROOTFS="$1" BINDIR="$2" DNS_BIN="$3" DEBS="$4" WORK="$5" KEY="$6" OUT_TAR="$7"
shift 7
REFS=("$@")
log() { printf '[components] %s\n' "$*" >&2; }
die() { printf '[components] error: %s\n' "$*" >&2; exit 1; }

rm -rf "${WORK}"
mkdir -p "${WORK}"
ARCH_LIB=usr/lib/x86_64-linux-gnu

# Copies PATH (as seen inside ROOTFS) into DEST, dereferenced, at its real directory.
copy_from_rootfs() { # DEST PATH
  local dest="$1" p="$2" dir
  dir="$(chroot "${ROOTFS}" readlink -f "$(dirname "${p}")")"
  mkdir -p "${dest}${dir}"
  cp -L "${ROOTFS}${p}" "${dest}${dir}/$(basename "${p}")"
}
# The shared libraries a program inside ROOTFS needs (ldd run in the rootfs, so its glibc answers).
libs_of() { chroot "${ROOTFS}" ldd "$1" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }'; }

make_tiny() {
  local t="${WORK}/tiny" f
  mkdir -p "${t}"/{usr/bin,usr/sbin,usr/lib64,"${ARCH_LIB}",etc,tmp,root,var/run,proc,sys,dev}
  chmod 1777 "${t}/tmp"
  ln -s usr/bin "${t}/bin"; ln -s usr/sbin "${t}/sbin"; ln -s usr/lib "${t}/lib"; ln -s usr/lib64 "${t}/lib64"
  dpkg-deb -x "${DEBS}"/busybox-static_*.deb "${WORK}/busybox"
  cp "${WORK}/busybox/bin/busybox" "${t}/usr/bin/busybox"
  for f in $("${t}/usr/bin/busybox" --list); do
    [ -e "${t}/usr/bin/${f}" ] || ln -s busybox "${t}/usr/bin/${f}"
  done
  # iptables-nft (all names kube-proxy may call) and conntrack, with their libraries and modules.
  copy_from_rootfs "${t}" /usr/sbin/xtables-nft-multi
  copy_from_rootfs "${t}" /usr/sbin/conntrack
  for f in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore \
           iptables-nft iptables-nft-save iptables-nft-restore ip6tables-nft ip6tables-nft-save \
           ip6tables-nft-restore; do
    ln -sf xtables-nft-multi "${t}/usr/sbin/${f}"
  done
  mkdir -p "${t}/${ARCH_LIB}/xtables"
  cp -L "${ROOTFS}/${ARCH_LIB}"/xtables/*.so "${t}/${ARCH_LIB}/xtables/"
  {
    libs_of /usr/sbin/xtables-nft-multi
    libs_of /usr/sbin/conntrack
    for f in "${ROOTFS}/${ARCH_LIB}"/xtables/*.so; do libs_of "/${ARCH_LIB}/xtables/$(basename "${f}")"; done
    echo "/${ARCH_LIB}/libm.so.6"
  } | sort -u | while read -r f; do copy_from_rootfs "${t}" "${f}"; done
  for f in etc/protocols etc/services etc/ethertypes; do
    [ -f "${ROOTFS}/${f}" ] && cp "${ROOTFS}/${f}" "${t}/${f}"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"${t}/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"${t}/etc/group"
  echo 'hosts: files dns' >"${t}/etc/nsswitch.conf"
  # Smoke test: the copied iptables must run against its own libraries.
  chroot "${t}" /usr/sbin/iptables --version >/dev/null || die "iptables does not run in the tiny rootfs"
  chroot "${t}" /usr/sbin/conntrack --version >/dev/null || die "conntrack does not run in the tiny rootfs"
}

PATH_ENV='ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'

import_dir() { # DIR REF CHANGE...
  local dir="$1" ref="$2"; shift 2
  local changes=(-c "${PATH_ENV}" -c "LABEL dev.dindcluster.component=1" -c "LABEL dev.dindcluster.inputs=${KEY}")
  local c
  for c in "$@"; do changes+=(-c "${c}"); done
  tar -C "${dir}" --numeric-owner -c . | docker import "${changes[@]}" - "${ref}" >/dev/null
  log "imported ${ref} ($(du -sh "${dir}" | cut -f1))"
}

with_binary() { # REF SRC NAME [CHANGE...]: tiny + one program in /usr/local/bin
  local ref="$1" src="$2" name="$3"; shift 3
  local d="${WORK}/img-${name}"
  cp -a "${WORK}/tiny" "${d}"
  mkdir -p "${d}/usr/local/bin"
  cp "${src}" "${d}/usr/local/bin/${name}"
  import_dir "${d}" "${ref}" "$@"
}

make_tiny
saved=()
control_plane=()
for ref in "${REFS[@]}"; do
  name="${ref##*/}"; name="${name%%:*}"; name="${name%-amd64}"
  case "${name}" in
    kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy)
      [ -x "${BINDIR}/${name}" ] || die "no ${name} binary in ${BINDIR}"
      with_binary "${ref}" "${BINDIR}/${name}" "${name}" ;;
    etcd)
      # Debian's etcd-server (3.4.23) runs kubeadm's etcd 3.4.13 manifest unchanged.
      d="${WORK}/img-etcd"
      cp -a "${WORK}/tiny" "${d}"
      dpkg-deb -x "${DEBS}"/etcd-server_*.deb "${WORK}/etcd-deb"
      mkdir -p "${d}/usr/local/bin" "${d}/var/lib/etcd"
      cp "${WORK}/etcd-deb/usr/bin/etcd" "${d}/usr/local/bin/etcd"
      cp "${WORK}/etcd-deb/usr/bin/etcd" "${ROOTFS}/tmp/dind-etcd"
      for f in $(libs_of /tmp/dind-etcd); do copy_from_rootfs "${d}" "${f}"; done
      rm -f "${ROOTFS}/tmp/dind-etcd"
      chroot "${d}" /usr/local/bin/etcd --version >/dev/null || die "etcd does not run in its image"
      import_dir "${d}" "${ref}" ;;
    pause)
      d="${WORK}/img-pause"
      mkdir -p "${d}"
      gcc -static -Os -s -o "${d}/pause" "$(dirname "$0")/components/pause.c"
      import_dir "${d}" "${ref}" 'ENTRYPOINT ["/pause"]' ;;
    cluster-dns)
      with_binary "${ref}" "${DNS_BIN}" cluster-dns 'ENTRYPOINT ["/usr/local/bin/cluster-dns"]' ;;
    local-volumes)
      # Built next to the cluster DNS server (build-k8s-binaries --cluster-dns).
      with_binary "${ref}" "$(dirname "${DNS_BIN}")/local-volumes" local-volumes 'ENTRYPOINT ["/usr/local/bin/local-volumes"]' ;;
    busybox)
      import_dir "${WORK}/tiny" "${ref}" 'CMD ["sh"]' ;;
    coredns)
      log "skipping ${ref}: no CoreDNS in Debian; the offline cluster DNS replaces it"
      continue ;;
    *) die "no recipe for component image ${ref}" ;;
  esac
  case "${name}" in
    etcd|kube-apiserver|kube-controller-manager|kube-scheduler) control_plane+=("${ref}") ;;
    *) saved+=("${ref}") ;;
  esac
done
CONTROL_PLANE_TAR="${OUT_TAR%.tar}-control-plane.tar"
if [ "${#control_plane[@]}" -gt 0 ]; then
  docker save -o "${CONTROL_PLANE_TAR}.tmp" "${control_plane[@]}"
  mv "${CONTROL_PLANE_TAR}.tmp" "${CONTROL_PLANE_TAR}"
  log "saved ${#control_plane[@]} images into ${CONTROL_PLANE_TAR} ($(du -h "${CONTROL_PLANE_TAR}" | cut -f1))"
fi
docker save -o "${OUT_TAR}.tmp" "${saved[@]}"
mv "${OUT_TAR}.tmp" "${OUT_TAR}"
rm -rf "${WORK}"
log "saved ${#saved[@]} images into ${OUT_TAR} ($(du -h "${OUT_TAR}" | cut -f1))"
