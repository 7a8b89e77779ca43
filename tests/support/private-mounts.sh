#!/bin/sh
# Runs a test in a mount namespace of its own, so the tmpfs it mounts (a "full disk") is seen by
# it and its child processes only and disappears with them. Root uses the namespace directly;
# anyone else maps themselves to root in a new user namespace first (unprivileged user
# namespaces, on by default in Debian 12). No test is skipped for lack of privileges.
if [ "$(id -u)" = 0 ]; then
  exec unshare --mount --propagation private env TWINBENCH_PRIVATE_MOUNTS=1 "$@"
fi
exec unshare --user --map-root-user --mount --propagation private \
  env TWINBENCH_PRIVATE_MOUNTS=1 "$@"
