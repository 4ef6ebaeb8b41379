#!/usr/bin/env bash
# Cold start of the packaged control panel to its first drawn frame, under Xvfb.
#
#   packaging/startup-benchmark.sh [-n RUNS] [APP_IMAGE]
#
# APP_IMAGE defaults to target/packages/switchboard (built with package.sh --type app-image
# when missing; /opt/switchboard is the installed one). Each run is a new process started with
# -Dswitchboard.startupProbe=true, which prints the time from process start to the first frame
# and exits. Four series of RUNS (default 5): with and without the package's AOT cache, and
# with the supervisor service not yet running (the GUI starts it and waits for it) or already
# running. A private HOME and SWITCHBOARD_HOME are used; one uncounted run first unpacks
# JavaFX's native libraries into it. Needs xvfb-run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
APP=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || { echo "startup-benchmark.sh: -n needs a number" >&2; exit 2; }; RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "startup-benchmark.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) APP=$1; shift ;;
  esac
done
[ "$RUNS" -ge 1 ] 2>/dev/null || { echo "startup-benchmark.sh: -n wants a positive number, not '$RUNS'" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "startup-benchmark.sh: needs xvfb-run (apt-get install xvfb xauth)" >&2; exit 2; }

if [ -z "$APP" ]; then
  APP=$ROOT/target/packages/switchboard
  if [ ! -x "$APP/bin/switchboard" ]; then
    BUILD=(); [ -f "$ROOT/target/lib/switchboard.jar" ] || BUILD=(--build)
    "$ROOT/packaging/package.sh" --type app-image "${BUILD[@]}"
  fi
fi
LAUNCHER=$APP/bin/switchboard
[ -x "$LAUNCHER" ] || { echo "startup-benchmark.sh: no launcher at $LAUNCHER" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-startup.XXXXXX")
AS_USER=(env HOME="$WORK/home" SWITCHBOARD_HOME="$WORK/state" XDG_CACHE_HOME= XDG_STATE_HOME= XDG_RUNTIME_DIR=)
mkdir -p "$WORK/home"
stop_supervisor() { "${AS_USER[@]}" "$LAUNCHER" daemon stop >/dev/null 2>&1 || true; }
trap 'stop_supervisor; rm -rf "$WORK"' EXIT

# Prints the milliseconds to the first frame of one start, or fails with its output.
one_start() {
  local out
  out=$("${AS_USER[@]}" JAVA_TOOL_OPTIONS="-Dswitchboard.startupProbe=true $1" \
        timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$LAUNCHER" gui 2>&1) || true
  if [[ $out =~ first\ frame\ after\ ([0-9]+)\ ms ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo "startup-benchmark.sh: the GUI did not report a first frame:" >&2
    tail -n 10 <<<"$out" | sed 's/^/  | /' >&2
    return 1
  fi
}

# Runs one series and prints its line: median and max of RUNS starts.
series() {
  local label=$1 options=$2 supervisor=$3 times=() t
  for _ in $(seq "$RUNS"); do
    if [ "$supervisor" = running ]; then
      "${AS_USER[@]}" "$LAUNCHER" status >/dev/null 2>&1
    else
      stop_supervisor
    fi
    t=$(one_start "$options") || exit 1
    times+=("$t")
  done
  stop_supervisor
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-46s median %5d ms   max %5d ms   (%s)\n' "$label" \
    "${sorted[$(( (RUNS - 1) / 2 ))]}" "${sorted[$((RUNS - 1))]}" "$(echo "${times[@]}")"
}

HAS_AOT=no
grep -q 'AOTCache=' "$APP/lib/app/switchboard.cfg" 2>/dev/null && HAS_AOT=yes
echo "cold start to first frame: $LAUNCHER, $RUNS runs each, $(nproc) CPUs, AOT cache in package: $HAS_AOT"
one_start "" >/dev/null || exit 1   # unpacks JavaFX's natives into the private home
stop_supervisor
if [ "$HAS_AOT" = yes ]; then
  series "with AOT cache, supervisor not running" "" stopped
  series "with AOT cache, supervisor running" "" running
fi
series "without AOT cache, supervisor not running" "-XX:AOTMode=off" stopped
series "without AOT cache, supervisor running" "-XX:AOTMode=off" running
