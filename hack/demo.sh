#!/usr/bin/env bash
# The main job: a tour of Fermi's embedded store (SQLite) through the `fermi` CLI — writes,
# compare-and-swap, a watch in another process, snapshots at old revisions, and compaction.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/setup.sh
swift build --product fermi
fermi="$(swift build --show-bin-path)/fermi"

workdir="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$workdir"' EXIT
store="sqlite:$workdir/store.db"
run() { echo "\$ fermi store $*"; "$fermi" store "$@" --store "$store"; echo; }

echo "== A store is one SQLite file: every write bumps one global revision"
run put /registry/queues/research '{"kind":"Queue","spec":{"weight":4}}'
run put /registry/queues/production '{"kind":"Queue","spec":{"weight":8}}'

echo "== A watch in another process replays every change after revision 0, in order"
"$fermi" store watch /registry/ --after 0 --count 6 --store "$store" >"$workdir/watch.log" &
watcher=$!

echo "== Compare-and-swap: an update at a stale revision is refused and changes nothing"
run put /registry/queues/research '{"kind":"Queue","spec":{"weight":5}}' --expect-revision 1
if "$fermi" store put /registry/queues/research '{"kind":"Queue","spec":{"weight":6}}' \
    --expect-revision 1 --store "$store" 2>"$workdir/err"; then
    echo "unexpected: a stale update succeeded"; exit 1
fi
echo "\$ fermi store put ... --expect-revision 1   # again, now stale"; cat "$workdir/err"; echo

run put /registry/pytorchjobs/default/bert '{"kind":"PyTorchJob","spec":{"replicas":4}}'
run delete /registry/queues/production
run put /registry/pytorchjobs/default/bert '{"kind":"PyTorchJob","spec":{"replicas":8}}'

wait "$watcher"
echo "\$ fermi store watch /registry/ --after 0   # (ran in the background)"
cat "$workdir/watch.log"; echo

echo "== Every list is a snapshot at one revision; older revisions stay readable until compacted"
run list /registry/
run list /registry/ --revision 2 --values

echo "== Compaction forgets history before a revision; older reads then fail with 'gone'"
run compact 4
if "$fermi" store list /registry/ --revision 2 --store "$store" 2>"$workdir/err"; then
    echo "unexpected: a compacted revision was readable"; exit 1
fi
echo "\$ fermi store list /registry/ --revision 2"; cat "$workdir/err"; echo
run list /registry/ --values
run revision

echo "== The API on top: upstream manifests apply as with kubectl, and read back the same way"
api() { echo "\$ fermi $*"; "$fermi" "$@" --store "$store"; echo; }
api apply -f examples/research-team/
api apply -f examples/research-team/
api get queues
api get configmaps,persistentvolumeclaims -n research
api describe queue production

echo "== The simulated cluster: the default cluster, training pods and a scheduled fault, played out in virtual time"
api apply -f manifests/cluster.yaml
api apply -f examples/simulated-training/
api up --until-idle --quiet --start 2026-01-01T00:00:00Z
api get pods
api get nodepools
api get faults
api top zones
api events --for pod/finetune-resumed
api logs finetune-resumed
echo "\$ fermi sim fail zone/cn-shenzhen-1 --for 1h; fermi up --until-idle --for 30m"
"$fermi" sim fail zone/cn-shenzhen-1 --for 1h --store "$store"
"$fermi" up --until-idle --for 30m --quiet --store "$store"
api get zones


echo "== Who gets the GPUs: Volcano queues and gangs, Kueue quotas, and jobs run through them"
api apply -f examples/volcano-queues/
api apply -f examples/kueue-quotas/
api up --until-idle --for 1h --quiet
api get podgroups
api get queues
api get clusterqueues
api get workloads
api describe podgroup finetune
api up --until-idle --quiet
api get podgroups
api get jobs


echo "== Serving: a chat service autoscaled under load, then a canary of its next model promoted"
api apply -f examples/chat-api/inferenceservice.yaml
api up --until-idle --for 10m --quiet
api get inferenceservices
api top inferenceservices
api get podautoscalers -o wide
api apply -f examples/chat-api/canary.yaml
api up --until-idle --for 5m --quiet
api get inferenceservices
api get revisions
api apply -f examples/chat-api/promote.yaml
api up --until-idle --for 5m --quiet
api get inferenceservices
api describe inferenceservice chat-api


echo "== Instances and images: a notebook for the working day, stopped in the evening; the image catalogue"
api apply -f manifests/images.yaml
api get images -l images.fermi.dev/category=official
api apply -f examples/data-scientist-day/instance.yaml
api up --until-idle --for 9h --quiet
api get instances
echo "\$ fermi stop instance alice-lab"
"$fermi" stop instance alice-lab --store "$store"
api up --until-idle --for 10m --quiet
api get instances -o wide


echo "== GitOps: a platform repository kept in the store; a file removed in Git is pruned"
repo="$workdir/platform"
cp -r examples/gitops/platform "$repo"
gitc() { git -C "$repo" -c user.name=demo -c user.email=demo@fermi.dev "$@"; }
gitc init -q -b main && gitc add -A && gitc commit -qm "platform"
api sync "$repo" --dry-run
sed "s|/tmp/fermi-platform|$repo|" examples/gitops/gitrepository.yaml > "$workdir/gitrepository.yaml"
api apply -f "$workdir/gitrepository.yaml"
api up --until-idle --for 2m --quiet
api get gitrepositories
api get queues
echo "\$ git rm serving/sklearn-iris.yaml && git commit -m 'retire iris'"
gitc rm -q serving/sklearn-iris.yaml && gitc commit -qm "retire iris"
api up --until-idle --for 2m --quiet
api get inferenceservices -n ml-platform
api describe gitrepository platform
