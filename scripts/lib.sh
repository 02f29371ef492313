# shellcheck shell=bash disable=SC2034 # (variables set here are the callers')
# The shell scripts' one library: `. "$(dirname "$0")/lib.sh"` as their first
# line. It sets -euo pipefail, moves to the repository's root, answers -h and
# --help with the script's leading comment, makes the temporary folder $work,
# and on exit stops by pid every background job still running, then removes
# $work. BIN=folder names built release binaries (see `bins`), BEFORE=path an
# older binary to measure beside them; both are made absolute here.
set -euo pipefail
for path in BIN BEFORE; do [ -z "${!path:-}" ] || printf -v "$path" %s "$(realpath -- "${!path}")"; done
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
finish() {
    local job
    [ -z "${benchmark:-}" ] || echo "load average after: $(loadavg)"
    for job in $(jobs -rp); do kill -TERM "$job" 2>/dev/null || true; done
    wait || true
    rm -rf "$work"
}
trap finish EXIT

die() { echo "scripts/${0##*/}: $*" >&2; exit 1; }
need() { local tool; for tool; do command -v "$tool" >/dev/null || die "needs $tool (bash scripts/test installs the Debian packages)"; done; }

# bins PRODUCT...: sets $bin to a folder holding these release executables:
# $BIN when set, else `swift build -c release --product P` for each P.
bins() {
    local product
    if [ -n "${BIN:-}" ]; then
        bin=$BIN
    else
        for product; do swift build -c release --product "$product" >&2 || die "could not build $product"; done
        bin=$(swift build -c release --show-bin-path) || die "no release folder"
    fi
    for product; do [ -x "$bin/$product" ] || die "no $product in $bin"; done
}

# serve NAME COMMAND...: starts COMMAND in the background, its output in
# $work/NAME.log, and waits up to 30 s for the log to name 127.0.0.1:PORT.
# Sets $pid and $port; `finish` or `stop` ends it.
serve() {
    local name=$1 log=$work/$1.log i
    shift
    : >"$log"  # made here: the child opens it only once it runs
    "$@" >>"$log" 2>&1 &
    pid=$!
    for ((i = 0; i < 300; i++)); do
        port=$(awk 'match($0, /127\.0\.0\.1:[0-9]+/) { print substr($0, RSTART + 10, RLENGTH - 10); exit }' "$log")
        [ -n "$port" ] && return
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    die "$name did not start: $(cat "$log")"
}
# stop PID...: SIGTERM to each, then waits for them.
stop() { local p; for p; do kill -TERM "$p" 2>/dev/null || true; done; for p; do wait "$p" 2>/dev/null || true; done; }
# free_port [udp]: a loopback port nothing listens on.
# shellcheck disable=SC2120 # the argument is optional
free_port() {
    python3 -c 'import socket, sys; s = socket.socket(type=socket.SOCK_DGRAM if sys.argv[1:] == ["udp"] else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$@"
}

# median [NUMBER...]: of the arguments, or of stdin's lines: the middle value,
# or for an even count the mean of the two middle ones.
median() {
    if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cat; fi |
        sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# calc FORMAT,EXPRESSIONS [NAME=VALUE...]: awk's printf, e.g. calc '"%.2f", a / b' a=1 b=3.
calc() { local a values=(); for a in "${@:2}"; do values+=(-v "$a"); done; awk "${values[@]}" "BEGIN { printf $1 }"; }
# verdict CONDITION [NAME=VALUE...]: "met" or "NOT met", for a goal.
verdict() { [ "$(calc "\"%d\", ($1)" "${@:2}")" = 1 ] && echo met || echo "NOT met"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# bench_start: the machine and the load average now, and at exit the load average then.
bench_start() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)," \
        "$(swift --version 2>/dev/null | head -1); load average before: $(loadavg)"
    benchmark=1
}
# cpu_mark PID: how long each of the process's threads has run so far, in
# nanoseconds (/proc/PID/task/*/schedstat), as `tid:ns` words for cpu_since.
# (/proc/PID/stat counts in hundredths of a second, a tenth of a short round,
# and rounds each thread down on its own.)
cpu_mark() {
    local task ns
    for task in /proc/"$1"/task/*; do
        { read -r ns _ <"$task/schedstat"; } 2>/dev/null && printf '%s:%s ' "${task##*/}" "$ns"
    done
}
# cpu_since PID MARK: the CPU seconds the process has used since cpu_mark made
# MARK, to the microsecond: each thread's run time less its run time at the
# mark (all of it for a thread started since). A thread that ended meanwhile
# takes with it only what it ran since the mark.
cpu_since() {
    cpu_mark "$1" | awk -v mark="$2" '
        BEGIN { n = split(mark, words, " "); for (i = 1; i <= n; i++) { split(words[i], f, ":"); then[f[1]] = f[2] } }
        { for (i = 1; i <= NF; i++) { split($i, f, ":"); ns += f[2] - (f[1] in then ? then[f[1]] : 0) } }
        END { printf "%.6f\n", ns / 1e9 }'
}
# kib PID FIELD: a field of /proc/PID/status in KiB (VmRSS, VmHWM).
kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# wrk_run OPTIONS... URL: one wrk run; its output in $wrk_out, its requests/s in
# $rate. Fails on non-2xx answers.
wrk_run() {
    wrk_out=$(wrk "$@")
    ! grep -q "Non-2xx" <<<"$wrk_out" || die "non-2xx answers from wrk $*: $wrk_out"
    rate=$(awk '/^Requests\/sec/ { print $2 }' <<<"$wrk_out")
}
# hyperfine_medians JSON: "MILLISECONDS COMMAND" for each command of a hyperfine
# --export-json file, the median of its times.
hyperfine_medians() {
    python3 -c 'import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]: print("%.2f %s" % (statistics.median(r["times"]) * 1000, r["command"]))' "$1"
}
