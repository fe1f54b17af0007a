#!/bin/sh
# Submits one batch run: the array, then the merge once every array task succeeded.
#   RUN_DIR=/shared/ccplan/runs/$(date -u +%F) deploy/slurm/submit.sh
set -eu
: "${RUN_DIR:?set RUN_DIR}"
HERE=$(dirname "$0")
mkdir -p logs "$RUN_DIR"
array=$(sbatch --parsable --export=ALL,RUN_DIR="$RUN_DIR" "$HERE/batch-array.sbatch")
sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes --export=ALL,RUN_DIR="$RUN_DIR" "$HERE/merge.sbatch"
