# Helpers for test/node-image.sh (sourced). Start node containers
# exactly as the node-image contract says the lifecycle does, labelled so cleanup finds them all.
NODE_IMAGE="${NODE_IMAGE:-dind-cluster/node:v1.20.2}"
TEST_LABEL="dev.dindcluster.test"
log() { printf '[%s %s] %s\n' "$(basename "$0")" "$(date +%T)" "$*" >&2; }
fail() { printf '[%s] FAIL: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Full-capability host: plain --privileged works. Without CAP_SYS_RESOURCE in our bounding set
# (restricted sandboxes), --privileged fails under runc: add everything else explicitly instead.
# Sets the array NODE_RUN_FLAGS.
node_run_flags() {
  local capbnd
  capbnd="$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)"
  if [ $(( (0x${capbnd} >> 24) & 1 )) -eq 1 ] && [ "${DIND_FORCE_RESTRICTED:-}" != 1 ]; then
    NODE_RUN_FLAGS=(--privileged)
  else
    NODE_RUN_FLAGS=(--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined
      --security-opt apparmor=unconfined --security-opt systempaths=unconfined
      --device-cgroup-rule 'a *:* rwm')
  fi
}

# start_node NAME RUN_ID [extra docker run args...]
start_node() {
  local name="$1" run_id="$2"; shift 2
  docker volume create --label "${TEST_LABEL}=${run_id}" "${name}-var" >/dev/null
  node_run_flags
  docker run -d --name "${name}" --hostname "${name}" \
    --label "${TEST_LABEL}=${run_id}" \
    "${NODE_RUN_FLAGS[@]}" \
    --device /dev/kmsg --cgroupns=private \
    --tmpfs /run --tmpfs /run/lock --tmpfs /tmp \
    --stop-signal SIGRTMIN+3 \
    -v "${name}-var:/var" \
    "$@" "${NODE_IMAGE}" >/dev/null
}

# Removes every container, volume and network labelled with RUN_ID (idempotent).
cleanup_run() {
  local run_id="$1"
  docker ps -aq --filter "label=${TEST_LABEL}=${run_id}" | xargs -r docker rm -f -v >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=${TEST_LABEL}=${run_id}" | xargs -r docker volume rm -f >/dev/null 2>&1 || true
  docker network ls -q --filter "label=${TEST_LABEL}=${run_id}" | xargs -r docker network rm >/dev/null 2>&1 || true
}
