#!/usr/bin/env bash
# Builds the libFuzzer targets of ccplan (with AddressSanitizer) and runs each for a number of
# seconds, from the seeds in the repository plus the corpus of earlier runs (Fuzz/.corpus/).
# Findings (crashes, timeouts, out-of-memory) are written to Fuzz/findings/<target>/.
#
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]     (default: 60 seconds; both targets)
#   FUZZ_TIMEOUT: seconds one input may take (default 10; a machine under memory pressure may
#   stall a process for longer: re-run a time-out alone before believing it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzHistoryReader FuzzYAMLLoaders)
flags=(-c release -Xswiftc -sanitize=fuzzer,address
       -Xcc -fsanitize=fuzzer-no-link,address --scratch-path "$here/.build")
cd "$here"
for target in "${targets[@]}"; do swift build "${flags[@]}" --product "$target"; done
bin=$(swift build "${flags[@]}" --show-bin-path)

# Seeds: the history fixtures (with two option bytes in front) and the YAML files of the repository.
seeds="$here/.corpus/seeds"
for target in "${targets[@]}"; do rm -rf "${seeds:?}/$target" && mkdir -p "$seeds/$target"; done
if [ -d "$seeds/FuzzHistoryReader" ]; then
    for f in "$root"/Tests/ContactHistoryTests/Fixtures/*.csv "$root"/Tests/ContactHistoryTests/Fixtures/*.tsv \
             "$root"/Tests/ContactHistoryTests/Fixtures/Reproducers/*.csv; do
        [ -f "$f" ] || continue
        case "$(basename "$f")" in
            genesys*) options='\x20\x00' ;; connect*) options='\x28\x00' ;; nice*) options='\x30\x00' ;;
            avaya*) options='\x38\x00' ;; dst*) options='\x01\x00' ;; *anon-bank*) options='\x02\x01' ;; *) options='\x00\x00' ;;
        esac
        { printf "$options"; head -c 60000 "$f"; } > "$seeds/FuzzHistoryReader/$(basename "$f")"
    done
    { printf '\x01\x00'; head -c 60000 "$root/SampleData/contact-history.csv"; } > "$seeds/FuzzHistoryReader/sample-head.csv"
fi
if [ -d "$seeds/FuzzYAMLLoaders" ]; then
    for f in "$root"/SampleData/*.yaml "$here"/seeds/yaml/*.yaml; do
        [ -f "$f" ] && cp "$f" "$seeds/FuzzYAMLLoaders/"
    done
fi

status=0
for target in "${targets[@]}"; do
    corpus="$here/.corpus/$target" findings="$here/findings/$target"
    mkdir -p "$corpus" "$findings"
    echo "== $target: $seconds s"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$bin/$target" \
        -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 \
        -artifact_prefix="$findings/" "$corpus" "$seeds/$target" 2>&1 | tee "$here/.corpus/$target.log" | grep -E "^#[0-9]+ *(DONE|pulse)|ERROR|SUMMARY|stat::|Test unit written|fuzz-" || true
    if [ -n "$(find "$findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -print -quit)" ]; then
        echo "== $target: findings in $findings"
        status=1
    fi
done
exit $status
