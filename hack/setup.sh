#!/usr/bin/env bash
# Installs what Fermi needs on a fresh Debian machine, only where it is missing:
# the Swift toolchain is expected at /opt/swift or on PATH; etcd (for the etcd backend's tests
# and the benchmark), SQLite's headers (for GRDB) and tcmalloc (the fermi executable's
# allocator) come from Debian's packages.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || { echo "setup: no Swift toolchain found (expected /opt/swift)" >&2; exit 1; }

missing=()
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v git >/dev/null 2>&1 || missing+=(git)
# wrk is the load generator of the API server benchmark.
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
# The fermi executable allocates with gperftools' tcmalloc (see Package.swift).
dpkg -s libtcmalloc-minimal4 >/dev/null 2>&1 || missing+=(libtcmalloc-minimal4)
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Debian's etcd-server package may start a system etcd; Fermi's tests start their own on free
# ports, so a system one is harmless and left alone.
