#!/usr/bin/env bash
# Runs Fermi's benchmarks on a release build, beside their peers in the same run.
#   hack/bench.sh store [OPTIONS]   the SQLite store against etcd (options: fermi-bench store --help)
#   hack/bench.sh cli [OPTIONS]     fermi apply and get, process start to exit (fermi-bench cli --help)
#   hack/bench.sh sim [OPTIONS]     fermi up --until-idle on 5,000 nodes and 50,000 pods (fermi-bench sim --help)
#   hack/bench.sh scheduler [OPTIONS]  10,000 gangs (about 45,000 pods) onto 5,000 nodes (fermi-bench scheduler --help)
#   hack/bench.sh apiserver [OPTIONS]  fermi serve under wrk: GET one object, create small ones (fermi-bench apiserver --help)
# Each benchmark prints a table and ends with one line of JSON holding every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

# The store benchmark runs a real etcd beside SQLite: setup installs Debian's etcd-server.
source hack/setup.sh

case "${1:-}" in
    store)
        # `swift build` takes one --product (the last one given wins): build each in turn.
        swift build -c release --product fermi-bench
        swift build -c release --product fermi-store-driver
        .build/release/fermi-bench store "${@:2}"
        ;;
    cli|sim|apiserver)
        swift build -c release --product fermi-bench
        swift build -c release --product fermi
        .build/release/fermi-bench "$1" "${@:2}"
        ;;
    scheduler)
        swift build -c release --product fermi-bench
        .build/release/fermi-bench scheduler "${@:2}"
        ;;
    *)
        echo "usage: hack/bench.sh store|cli|sim|scheduler|apiserver [OPTIONS]" >&2
        exit 2
        ;;
esac
