#!/bin/sh
# One batch run on Kubernetes: the Indexed Job, then (when every index has finished, including
# indexes failed for bad input) the merge Job. Run it from cron or a CI schedule:
#   RUN_ID=$(date -u +%F) deploy/kubernetes/run.sh
set -eu
RUN_ID=${RUN_ID:-$(date -u +%Y-%m-%d)}
NS=${NAMESPACE:-default}
HERE=$(dirname "$0")
kubectl -n "$NS" delete job ccplan-batch ccplan-merge --ignore-not-found
sed "s/value: \"manual\"/value: \"$RUN_ID\"/" "$HERE/batch-job.yaml" | kubectl -n "$NS" apply -f -
# Wait until the Job is Complete or Failed (a failed index still leaves a complete part when it
# exited 65; the merge decides whether every part is there).
while :; do
  state=$(kubectl -n "$NS" get job ccplan-batch -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')
  case "$state" in *Complete*|*Failed*) break ;; esac
  sleep 30
done
sed "s/value: \"manual\"/value: \"$RUN_ID\"/" "$HERE/merge-job.yaml" | kubectl -n "$NS" apply -f -
kubectl -n "$NS" wait --for=condition=complete --timeout=2h job/ccplan-merge
