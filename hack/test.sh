#!/usr/bin/env bash
# Runs every test from a fresh clone: installs what is missing, then `swift test`.
# Tests that need etcd start their own on 127.0.0.1 and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh
# explain's documentation is generated from the types' doc comments: it must be current.
python3 hack/gen-api-docs.py --check
swift build --build-tests
swift test --skip-build
