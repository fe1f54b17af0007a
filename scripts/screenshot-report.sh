#!/usr/bin/env bash
# Renders a report.html to PNG with headless Chromium, for looking at the report's layout.
#
# Usage:
#   scripts/screenshot-report.sh [REPORT.html] [OUT.png] [WIDTH]
#
# Without REPORT.html (or with "-"), the sample plan's report is made first: `ccplan plan` on
# SampleData (3 queues, 2 years of history, a 13-week horizon, 4 scenarios: `make demo`), with the
# release binary $CCPLAN_BIN (default: built with `swift build -c release` in the repository, or
# in $CCPLAN_REPORT_SCRATCH when set). The plan is kept in /tmp/report-sample/.
#
# The page is captured in one tall window and the empty space below the content is cropped
# (ImageMagick, when installed). Needs: chromium (apt-get install -y chromium), optionally
# imagemagick. OUT.png defaults to /tmp/report-screenshot.png, WIDTH to 1400.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
html="${1:--}"
out="${2:-/tmp/report-screenshot.png}"
width="${3:-1400}"
max_height="${CCPLAN_SCREENSHOT_MAX_HEIGHT:-16000}"

if [[ "$html" == "-" ]]; then
    scratch=()
    if [[ -n "${CCPLAN_REPORT_SCRATCH:-}" ]]; then scratch=(--scratch-path "$CCPLAN_REPORT_SCRATCH"); fi
    bin="${CCPLAN_BIN:-}"
    if [[ -z "$bin" ]]; then
        swift build -c release --package-path "$here" "${scratch[@]}" --product ccplan >/dev/null
        bin="$(swift build -c release --package-path "$here" "${scratch[@]}" --show-bin-path)/ccplan"
    fi
    plan=/tmp/report-sample
    (cd "$here" && SOURCE_DATE_EPOCH=0 "$bin" plan --history SampleData/contact-history.csv --timezone Europe/Berlin \
        --horizon 13w --holidays SampleData/holidays.csv --events SampleData/events.csv \
        --scenarios SampleData/scenarios.yaml --title "Sample plan — Northwind Contact Centre" --out "$plan" >/dev/null)
    html="$plan/report.html"
    [[ -s "$html" ]] || { echo "the sample plan wrote no $html" >&2; exit 1; }
fi

[[ -f "$html" ]] || { echo "no such file: $html" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium not found: apt-get install -y chromium" >&2; exit 1; }

abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
raw="$(mktemp --suffix=.png)"
trap 'rm -f "$raw"' EXIT
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$max_height" --screenshot="$raw" "file://$abs" >/dev/null 2>&1

convert_bin=""
for candidate in /usr/bin/convert "$(command -v convert || true)"; do
    if [[ -x "$candidate" ]] && "$candidate" -version 2>/dev/null | grep -q ImageMagick; then convert_bin="$candidate"; break; fi
done
if [[ -n "$convert_bin" ]]; then
    # Crop the empty background below the content: find the trimmed content box, keep full width.
    box="$("$convert_bin" "$raw" -fuzz 1% -trim -format '%h %Y' info: | tr -d '+')"
    read -r h y <<<"$box"
    keep=$(( h + y + 24 ))
    "$convert_bin" "$raw" -crop "${width}x${keep}+0+0" +repage "$out"
else
    cp "$raw" "$out"
fi
echo "$out ($(stat -c %s "$out") bytes) from $html ($(stat -c %s "$html") bytes)"
