#!/usr/bin/env bash
# Whole-process benchmark of `onmessage check` against bare pulldown-cmark parsing.
#
#   benches/bench.sh                 # everything (takes a few minutes on 2 cores)
#   FILES=2000 RUNS=1 benches/bench.sh   # quicker
#   SKIP_REAL=1 benches/bench.sh     # generated corpora only
#
# In one run it measures, best of $RUNS wall-clock runs each:
#   (a) parse_only: walk + read + pulldown-cmark over every .md (the floor)
#   (b) onmessage check with the built-in packs, on the same files
#   (c) the same sales files against 250, 1000 and 4000 brand claims
#   (d) 1 vs 2 threads for (a) and (b)
#   (e) the real corpora: gitlab-handbook-ja, and the Sourcegraph handbook
#       copied eight times (brand = one copy's marketing pages)
# and peak memory (max RSS) of every `check`. Throughput is .md bytes / wall
# time; targets (issue 6): check >= 0.5x parse, 4000 claims <= 1.2x 250,
# peak memory <= 2x the repo's .md bytes + 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=${FILES:-8000}
SCALE_FILES=${SCALE_FILES:-2000}
SEED=${SEED:-7}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-/work/shared/corpora}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/onmessage-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet --bin onmessage --example parse_only --example gen_corpus
BIN=target/release/onmessage
PARSE=target/release/examples/parse_only
GEN=target/release/examples/gen_corpus
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

md_bytes() { find "$1" -name '*.md' -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

# run_timed THREADS CMD... -> sets SECS (best of $RUNS) and PEAK_KB (max RSS of the best run)
run_timed() {
    local threads=$1
    shift
    SECS=""
    PEAK_KB=0
    local i
    for ((i = 0; i < RUNS; i++)); do
        local t0 t1 s rc=0
        t0=$(date +%s%N)
        if [ -n "$TIME" ]; then
            RAYON_NUM_THREADS=$threads "$TIME" -f '%M' -o "$WORK/mem" "$@" >/dev/null 2>"$WORK/err" || rc=$?
        else
            RAYON_NUM_THREADS=$threads "$@" >/dev/null 2>"$WORK/err" || rc=$?
        fi
        t1=$(date +%s%N)
        if [ "$rc" -ge 2 ]; then
            echo "command failed (exit $rc): $*" >&2
            grep -v '^Command exited' "$WORK/err" | head -5 >&2
            exit 1
        fi
        s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
        if [ -z "$SECS" ] || awk -v s="$s" -v b="$SECS" 'BEGIN {exit !(s < b)}'; then
            SECS=$s
            if [ -n "$TIME" ]; then
                PEAK_KB=$(tail -1 "$WORK/mem")
            else
                PEAK_KB=0
            fi
        fi
    done
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b / 1e6 / s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

# check_corpus NAME DIR CONFIG: (a), (b), ratio, memory, 1 vs 2 threads.
check_corpus() {
    local name=$1 dir=$2 config=$3
    local bytes
    bytes=$(md_bytes "$dir")
    local limit_mb
    limit_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.0f", 2 * b / 1048576 + 50}')
    echo
    echo "== $name: $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB of Markdown"
    local threads parse_s check_s
    for threads in 2 1; do
        run_timed "$threads" "$PARSE" "$dir"
        parse_s=$SECS
        run_timed "$threads" "$BIN" check --config "$config" --fail-on never --color never -j "$threads"
        check_s=$SECS
        printf '  -j%s  parse %7.3f s %7s MB/s | check %7.3f s %7s MB/s | check/parse throughput %s | peak %s MB (limit %s)\n' \
            "$threads" "$parse_s" "$(mbps "$bytes" "$parse_s")" "$check_s" "$(mbps "$bytes" "$check_s")" \
            "$(ratio "$parse_s" "$check_s")" "$(mb "$PEAK_KB")" "$limit_mb"
    done
}

echo "onmessage benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  commit $(git rev-parse --short HEAD)  best of $RUNS"

# (a), (b), (d): one generated repo.
"$GEN" --files "$FILES" --brand-claims 1000 --seed "$SEED" --out "$WORK/gen" 2>/dev/null
check_corpus "generated: $FILES sales files, 1000 brand claims" "$WORK/gen" "$WORK/gen/onmessage.yml"

# (c): the same sales files against growing brand docs.
echo
echo "== scaling: $SCALE_FILES sales files against N brand claims (whole check, 2 threads)"
base=""
for claims in 250 1000 4000; do
    "$GEN" --files "$SCALE_FILES" --brand-claims "$claims" --seed "$SEED" --out "$WORK/scale-$claims" 2>/dev/null
    run_timed 2 "$BIN" check --config "$WORK/scale-$claims/onmessage.yml" --fail-on never --color never
    [ -n "$base" ] || base=$SECS
    printf '  %5s claims  %7.3f s  %sx of 250  peak %s MB\n' "$claims" "$SECS" "$(ratio "$SECS" "$base")" "$(mb "$PEAK_KB")"
    rm -rf "$WORK/scale-$claims"
done

# (e): real corpora.
if [ -z "${SKIP_REAL:-}" ]; then
    if [ -d "$CORPORA/gitlab-handbook-ja" ]; then
        check_corpus "gitlab-handbook-ja" "$CORPORA/gitlab-handbook-ja" "$CORPORA/gitlab-handbook-ja/onmessage.yml"
    fi
    if [ -d "$CORPORA/sourcegraph-handbook" ]; then
        sg="$WORK/sourcegraph-x8"
        mkdir -p "$sg"
        for i in 1 2 3 4 5 6 7 8; do
            cp -r "$CORPORA/sourcegraph-handbook/content" "$sg/copy$i"
        done
        cat >"$sg/onmessage.yml" <<'YAML'
brand:
  - "copy1/departments/marketing/**/*.md"
  - "copy1/departments/product/design/brand_guidelines/**/*.md"
sales:
  - "**/*.md"
YAML
        check_corpus "sourcegraph-handbook x8 (brand: copy1 marketing)" "$sg" "$sg/onmessage.yml"
    fi
fi
