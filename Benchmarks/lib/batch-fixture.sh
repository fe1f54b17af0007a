# Sourced by batch-scale.sh and monitor-scale.sh: the synthetic batch both measure.
# batch_fixture WORK QUEUES BIN writes WORK/history-QUEUES.csv (one year of QUEUES queues, kept
# between runs) and WORK/batch.yaml (a four-week auto forecast with a chat group) and sets HISTORY.
batch_fixture() {
  local work=$1 queues=$2 bin=$3
  mkdir -p "$work"
  HISTORY="$work/history-$queues.csv"
  [ -s "$HISTORY" ] || "$bin" sample-data --out "$HISTORY" --queues "$queues" --years 1
  cat > "$work/batch.yaml" <<YAML
version: 1
inputs:
  history: [ history-$queues.csv ]
  timezone: Europe/Berlin
forecast: { horizon: 4w, model: auto }
assumptions: { target_sl: 80%, answer_within: 20s, shrinkage: 32%, max_occupancy: 88%, patience: 3m }
groups:
  - { name: chat, channel: chat, assumptions: { concurrency: 2.5, answer_within: 60s } }
YAML
}
