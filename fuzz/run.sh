#!/usr/bin/env bash
# Coverage-guided fuzzing of FaceLab's parsers: AFL++ drives fuzz/FaceLab.Fuzz, whose FaceLab.dll is
# instrumented by SharpFuzz. Usage: fuzz/run.sh TARGET|all [SECONDS per target, default 60].
# Seeds come from fuzz/corpus/TARGET/; findings go to .build/fuzz/out/TARGET/ and a summary line per
# target is printed (executions, paths, crashes, hangs, seconds).
set -euo pipefail

target=${1:?usage: fuzz/run.sh TARGET|all [SECONDS]}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build/fuzz"
bin="$build/bin"
tools="$build/tools"

if ! command -v afl-fuzz >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh copy every run: SharpFuzz instruments in place, and an instrumented FaceLab.dll must
# never reach the normal build output.
rm -rf "$bin"
dotnet build "$root/fuzz/FaceLab.Fuzz/FaceLab.Fuzz.csproj" -c Release -o "$bin" -v quiet -nologo >/dev/null
"$tools/sharpfuzz" "$bin/FaceLab.dll" >/dev/null

if [ "$target" = all ]; then
    targets=$(ls "$root/fuzz/corpus")
else
    targets=$target
fi

# dotnet itself carries no AFL instrumentation (only FaceLab.dll does); cores are shared, so no pinning.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

stat() { sed -n "s/^$1 *: *//p" "$2" | head -n1; }

printf '%-20s %10s %7s %8s %6s %8s\n' target executions paths crashes hangs seconds
status=0
for t in $targets; do
    out="$build/out/$t"
    rm -rf "$out"
    mkdir -p "$out"
    # -t: a single input may take 5 s (the first one pays the JIT); -m none: .NET reserves far more
    # address space than it uses, and the allocation limits are the seeded tests' job.
    afl-fuzz -i "$root/fuzz/corpus/$t" -o "$out" -t 5000 -m none -V "$seconds" \
        -- dotnet "$bin/FaceLab.Fuzz.dll" "$t" >"$out/afl.log" 2>&1 || true
    stats="$out/default/fuzzer_stats"
    if [ ! -f "$stats" ]; then
        echo "$t: afl-fuzz did not start; see $out/afl.log" >&2
        status=1
        continue
    fi
    paths=$(stat corpus_count "$stats")
    crashes=$(stat saved_crashes "$stats")
    hangs=$(stat saved_hangs "$stats")
    printf '%-20s %10s %7s %8s %6s %8s\n' "$t" "$(stat execs_done "$stats")" "${paths:-$(stat paths_total "$stats")}" \
        "${crashes:-$(stat unique_crashes "$stats")}" "${hangs:-$(stat unique_hangs "$stats")}" "$(stat run_time "$stats")"
    for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
        [ -e "$f" ] || continue
        echo "  finding: $f (replay: dotnet $bin/FaceLab.Fuzz.dll replay $t '$f')"
        status=1
    done
done
exit $status
