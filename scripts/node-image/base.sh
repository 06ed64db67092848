#!/usr/bin/env bash
# Recipe of the node base rootfs (its hash is part of the base image's cache key).
#   base.sh ROOTFS MIRROR_URI KEYRING PACKAGES_FILE [SUITE]
# debootstrap SUITE (default bookworm) minbase with the listed packages, then made fit to run systemd in
# a container and slimmed. A package listed as "sid:NAME" comes from Debian's sid after the debootstrap
# (with what it depends on from SUITE where SUITE has it): the newest containerd and runc for a SUITE
# whose own are too old. Runs as root on the build machine.
set -euo pipefail
ROOTFS="$1" MIRROR="$2" KEYRING="$3" PACKAGES_FILE="$4" SUITE="${5:-bookworm}"
include="$(grep -v -e '^#' -e '^$' -e '^sid:' "${PACKAGES_FILE}" | paste -sd, -)"
from_sid="$(sed -n 's/^sid://p' "${PACKAGES_FILE}" | paste -sd' ' -)"
keyring_opt=()
[ "${KEYRING}" != "-" ] && keyring_opt=(--keyring="${KEYRING}")

rm -rf "${ROOTFS}"
mkdir -p "${ROOTFS}"
debootstrap --variant=minbase --include="${include}" "${keyring_opt[@]}" "${SUITE}" "${ROOTFS}" "${MIRROR}" >&2 \
  || { tail -n 30 "${ROOTFS}/debootstrap/debootstrap.log" >&2 2>/dev/null; exit 1; }

cd "${ROOTFS}"
echo "deb ${MIRROR} ${SUITE} main" >etc/apt/sources.list
if [ -n "${from_sid}" ]; then
  # sid only for the named packages (priority 100: nothing else is taken from it), and only while they are
  # installed. The mirror may serve an expired sid Release file (a snapshot): its signature is still checked.
  echo "deb ${MIRROR} sid main" >etc/apt/sources.list.d/sid.list
  printf 'Package: *\nPin: release n=sid\nPin-Priority: 100\n' >etc/apt/preferences.d/sid
  cp /etc/resolv.conf etc/resolv.conf
  mount -t proc proc proc
  status=0
  { chroot . apt-get -o Acquire::Check-Valid-Until=false update -qq \
    && DEBIAN_FRONTEND=noninteractive chroot . apt-get -o Acquire::Check-Valid-Until=false install -y -qq \
         --no-install-recommends -t sid ${from_sid}; } >&2 || status=$?
  umount proc
  rm -f etc/apt/sources.list.d/sid.list etc/apt/preferences.d/sid
  : >etc/resolv.conf
  [ "${status}" = 0 ] || { echo "base.sh: installing ${from_sid} from sid failed" >&2; exit 1; }
fi

# systemd in a container (the spirit of kind's base image): start only what a node needs.
rm -f lib/systemd/system/multi-user.target.wants/* etc/systemd/system/*.wants/* \
      lib/systemd/system/local-fs.target.wants/* lib/systemd/system/sockets.target.wants/*udev* \
      lib/systemd/system/sockets.target.wants/*initctl* lib/systemd/system/basic.target.wants/* \
      lib/systemd/system/sysinit.target.wants/systemd-tmpfiles-setup.service
for unit in getty.target console-getty.service getty@tty1.service serial-getty@.service \
            systemd-remount-fs.service systemd-modules-load.service systemd-udevd.service \
            systemd-udev-trigger.service systemd-firstboot.service systemd-binfmt.service \
            sys-kernel-debug.mount sys-kernel-tracing.mount sys-kernel-config.mount \
            sys-fs-fuse-connections.mount dev-hugepages.mount proc-sys-fs-binfmt_misc.automount \
            systemd-journald-audit.socket systemd-ask-password-wall.path systemd-ask-password-console.path \
            apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer dpkg-db-backup.timer \
            systemd-tmpfiles-clean.timer; do
  ln -sf /dev/null "etc/systemd/system/${unit}"
done
mkdir -p etc/systemd/system/multi-user.target.wants etc/systemd/system/sockets.target.wants
ln -sf /lib/systemd/system/containerd.service etc/systemd/system/multi-user.target.wants/containerd.service
if [ -e lib/systemd/system/docker.service ]; then
  ln -sf /lib/systemd/system/docker.service etc/systemd/system/multi-user.target.wants/docker.service
  ln -sf /lib/systemd/system/docker.socket etc/systemd/system/sockets.target.wants/docker.socket
fi
ln -sf /lib/systemd/system/multi-user.target etc/systemd/system/default.target
mkdir -p etc/systemd/journald.conf.d
printf '[Journal]\nReadKMsg=no\nSystemMaxUse=200M\n' >etc/systemd/journald.conf.d/dind.conf

# Node state lives under /var (one volume per node): the "snapshot" is that volume.
mkdir -p var/lib/dind/kubernetes var/lib/dind/cni-net.d etc/cni
rm -rf etc/kubernetes etc/cni/net.d
ln -s /var/lib/dind/kubernetes etc/kubernetes
ln -s /var/lib/dind/cni-net.d etc/cni/net.d
mkdir -p opt/cni
rm -rf opt/cni/bin
ln -s /usr/lib/cni opt/cni/bin

# A fresh machine id per container (systemd fills it at boot).
: >etc/machine-id
rm -f var/lib/dbus/machine-id

# Slim.
rm -rf usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/lintian usr/share/locale/* \
       var/cache/apt/* var/lib/apt/lists/* var/cache/debconf/*-old var/lib/dpkg/*-old \
       var/log/*.log var/log/apt/* debootstrap
