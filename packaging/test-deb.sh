#!/usr/bin/env bash
# Installs Switchboard's .deb on this machine, tries it as a user would, and purges it.
#
#   packaging/test-deb.sh [PATH/TO/switchboard_*.deb] [--keep]
#
# Without a path it builds one with packaging/package.sh --type deb. Needs root (or
# sudo) and apt-get: missing dependencies of the package and the tools of the build
# and the test (fakeroot, xvfb, xauth, x11-utils, GTK) are installed. Refuses to run
# when switchboard is already installed. Steps: dpkg -i; switchboard --version; validate and run --exit-after-ready
# the bundled headset-demo; the GUI under xvfb-run shows a window; dpkg --purge
# removes /opt/switchboard and /usr/bin/switchboard but leaves the user's files.
# --keep leaves the package installed at the end. Exit 0 when every step passed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PKG=switchboard
APP_DIR=/opt/switchboard
LAUNCHER=$APP_DIR/bin/switchboard
LINK=/usr/bin/switchboard
STACKS=$APP_DIR/lib/app/stacks
OUT=$ROOT/target/test-deb
DEB=
KEEP=no

for arg in "$@"; do
  case "$arg" in
    --keep) KEEP=yes ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "test-deb.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    *) DEB=$arg ;;
  esac
done

SUDO=
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "test-deb.sh: needs root or sudo (dpkg -i, apt-get)" >&2; exit 2; }
  SUDO=sudo
fi

FAILED=()
INSTALLED=no
GUI_PID=
WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-test-deb.XXXXXX")
# The program runs with a stand-in home and state folder, so nothing touches the real
# user's files, and every process it starts can be found by that environment.
TEST_HOME=$WORK/home
SWITCHBOARD_HOME=$WORK/state
AS_USER=(env HOME="$TEST_HOME" SWITCHBOARD_HOME="$SWITCHBOARD_HOME")
mkdir -p "$TEST_HOME" "$SWITCHBOARD_HOME" "$OUT"
MARKER=$SWITCHBOARD_HOME/marker-left-by-test-deb
echo "user data: must survive dpkg --purge" > "$MARKER"

say() { printf '\n== %s\n' "$*"; }
pass() { echo "   ok: $*"; }
fail() { echo "   FAILED: $*" >&2; FAILED+=("$*"); }
fatal() { fail "$*"; exit 1; }

# Processes started by this test: only they have our SWITCHBOARD_HOME in their environment.
our_pids() {
  local env_file pid
  for env_file in /proc/[0-9]*/environ; do
    pid=${env_file#/proc/}; pid=${pid%/environ}
    tr '\0' '\n' 2>/dev/null < "$env_file" | grep -qxF "SWITCHBOARD_HOME=$SWITCHBOARD_HOME" && echo "$pid"
  done
}

stop_our_processes() {
  local pids
  pids=$(our_pids)
  [ -n "$pids" ] || return 0
  echo "   stopping processes this test started: $(echo $pids)"
  kill -TERM $pids 2>/dev/null
  for _ in $(seq 50); do
    pids=$(for p in $pids; do [ -d /proc/$p ] && ! grep -q '^[^)]*) Z' /proc/$p/stat 2>/dev/null && echo $p; done)
    [ -n "$pids" ] || return 0
    sleep 0.1
  done
  kill -KILL $pids 2>/dev/null
}

# Stops the supervisor the commands above started (if any), then checks that nothing of ours
# is left: a leftover is a bug in the product, reported with its command line, then killed.
expect_no_leftovers() {
  local what=$1 pids p
  run_step "daemon-stop-$what" 60s "${AS_USER[@]}" switchboard daemon stop \
    || fail "'switchboard daemon stop' after $what (see $OUT/daemon-stop-$what.log)"
  for _ in $(seq 100); do  # up to 10 s for the supervisor and its children to exit
    pids=$(our_pids)
    [ -n "$pids" ] || { pass "no process left after $what"; return 0; }
    sleep 0.1
  done
  for p in $pids; do
    echo "   left: $p $(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | cut -c1-200)" >&2
  done
  fail "processes left running after $what and 'switchboard daemon stop'"
  stop_our_processes
}

cleanup() {
  [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null
  stop_our_processes
  if [ "$INSTALLED" = yes ] && [ "$KEEP" = no ]; then
    echo "   purging $PKG after a failure"
    $SUDO dpkg --purge "$PKG" >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  if [ ${#FAILED[@]} -gt 0 ]; then
    printf '\ntest-deb.sh: %d step(s) failed:\n' ${#FAILED[@]} >&2
    printf '  - %s\n' "${FAILED[@]}" >&2
    exit 1
  fi
}
trap cleanup EXIT
trap 'fatal "interrupted"' INT TERM

# Runs "$@" with a time limit, keeping its output in $OUT/<name>.log; shows the tail on failure.
run_step() {
  local name=$1 limit=$2; shift 2
  timeout --kill-after=10 "$limit" "$@" > "$OUT/$name.log" 2>&1
  local rc=$?
  if [ $rc -ne 0 ]; then
    [ $rc = 124 ] && echo "   (timed out after $limit)" >&2
    tail -n 15 "$OUT/$name.log" | sed 's/^/   | /' >&2
  fi
  return $rc
}

installed_status() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null; }

apt_install() {
  [ $# -gt 0 ] || return 0
  echo "   apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >"$OUT/apt.log" 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >"$OUT/apt.log" 2>&1; }
}

if [ "$(installed_status $PKG)" = "install ok installed" ]; then
  echo "test-deb.sh: $PKG is already installed; this test would remove it. Purge it first: dpkg --purge $PKG" >&2
  exit 2
fi

say "tools"
# Before the build: package.sh needs fakeroot, and xvfb-run and GTK to record the AOT cache.
missing=()
for dep in fakeroot xvfb xauth x11-utils libgtk-3-0 libgl1 libxxf86vm1; do
  [ "$(installed_status "$dep")" = "install ok installed" ] || missing+=("$dep")
done
apt_install "${missing[@]}" || fatal "apt-get install ${missing[*]} (see $OUT/apt.log)"
pass "all present"

say "package"
if [ -z "$DEB" ]; then
  BUILD=(); [ -f "$ROOT/target/lib/switchboard.jar" ] || BUILD=(--build)
  "$ROOT/packaging/package.sh" --type deb "${BUILD[@]}" || fatal "packaging/package.sh --type deb"
  DEB=$(ls -t "$ROOT"/target/packages/${PKG}_*.deb | head -1)
fi
[ -f "$DEB" ] || fatal "no .deb at '$DEB'"
VERSION=$(dpkg-deb -f "$DEB" Version)
pass "$DEB (version $VERSION)"

say "dependencies"
# The package's Depends (first of each alternative, versions dropped).
missing=()
for dep in $(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//' | tr -d ' '); do
  [ "$(installed_status "$dep")" = "install ok installed" ] || missing+=("$dep")
done
apt_install "${missing[@]}" || fatal "apt-get install ${missing[*]} (see $OUT/apt.log)"
pass "all present"

say "dpkg -i"
INSTALLED=yes
run_step dpkg-install 300s $SUDO dpkg -i "$DEB" || fatal "dpkg -i $DEB"
[ -x "$LAUNCHER" ] || fatal "$LAUNCHER missing after install"
[ "$(readlink "$LINK")" = "$LAUNCHER" ] || fatal "$LINK does not link to $LAUNCHER"
pass "installed; $LINK -> $LAUNCHER"
if ls /usr/share/applications/*switchboard*.desktop >/dev/null 2>&1; then
  pass "menu entry $(ls /usr/share/applications/*switchboard*.desktop)"
else
  echo "   note: no menu entry in /usr/share/applications (xdg-desktop-menu could not add it; allowed)"
fi

say "switchboard --version"
if run_step version 60s "${AS_USER[@]}" switchboard --version && grep -q "$VERSION" "$OUT/version.log"; then
  pass "$(head -1 "$OUT/version.log")"
else
  fail "switchboard --version (expected $VERSION)"
fi

say "AOT cache"
if [ -f "$APP_DIR/lib/app/switchboard.aot" ]; then
  # AOTMode=on makes a cache the JVM cannot map (changed jars, other runtime) an error
  if run_step aot 60s "${AS_USER[@]}" JAVA_TOOL_OPTIONS=-XX:AOTMode=on switchboard --version; then
    pass "$APP_DIR/lib/app/switchboard.aot maps"
  else
    fail "the JVM cannot use $APP_DIR/lib/app/switchboard.aot (see $OUT/aot.log)"
  fi
else
  echo "   note: the package has no AOT cache (built without xvfb-run or with --no-aot)"
fi

say "switchboard validate (bundled headset-demo)"
if run_step validate 60s "${AS_USER[@]}" switchboard validate "$STACKS/headset-demo.yaml"; then
  pass "valid"
else
  fail "switchboard validate $STACKS/headset-demo.yaml"
fi

say "switchboard run --exit-after-ready (bundled headset-demo)"
if run_step run 120s "${AS_USER[@]}" switchboard run --exit-after-ready "$STACKS/headset-demo.yaml"; then
  pass "ready, exited 0"
else
  fail "switchboard run --exit-after-ready $STACKS/headset-demo.yaml"
fi
# The persist model server stays up after --exit-after-ready: stop it as a user would.
if run_step down 60s "${AS_USER[@]}" switchboard down headset-demo --persist; then
  pass "down headset-demo --persist"
else
  fail "switchboard down headset-demo --persist"
fi
# 'down' needed the background service and started it: with the package's own service launcher.
if pgrep -u "$(id -u)" -f "^/opt/switchboard/bin/switchboard-service daemon" >/dev/null; then
  pass "the service runs from /opt/switchboard/bin/switchboard-service"
else
  fail "no service process started from /opt/switchboard/bin/switchboard-service: $(pgrep -a -f 'switchboard.* daemon' || echo none)"
fi
expect_no_leftovers run

say "GUI under xvfb-run"
# One helper inside the X server: start the GUI, wait for its main window (the stage's
# title contains "Switchboard"; GTK's 10x10 leader window only carries the class), take a
# screenshot, close it.
cat > "$WORK/gui.sh" <<'EOF'
switchboard gui & pid=$!
for _ in $(seq 120); do
  window=$(xwininfo -root -tree 2>/dev/null | grep -E '^ *0x[0-9a-f]+ "[^"]*Switchboard[^"]*":' | head -1)
  if [ -n "$window" ]; then
    echo "window:$window"
    # the window is mapped before its first frame: wait (up to 10 s) until the screen has more than one colour
    if command -v import >/dev/null; then
      for _ in $(seq 40); do
        import -window root "$1" 2>/dev/null
        [ "$(identify -format %k "$1" 2>/dev/null)" -gt 1 ] 2>/dev/null && break
        sleep 0.25
      done
    fi
    kill $pid; wait $pid; exit 0
  fi
  kill -0 $pid 2>/dev/null || { echo "the GUI exited before showing a window"; wait $pid; exit 1; }
  sleep 0.25
done
echo "no window titled Switchboard after 30 s"; kill $pid; exit 1
EOF
if run_step gui 90s "${AS_USER[@]}" xvfb-run -a -s "-screen 0 1280x800x24" sh "$WORK/gui.sh" "$OUT/gui.png"; then
  pass "window$(grep -m1 '^window:' "$OUT/gui.log" | sed 's/^window: */ /')"
  [ -f "$OUT/gui.png" ] && echo "   screenshot: $OUT/gui.png"
else
  fail "GUI window under xvfb-run (see $OUT/gui.log)"
fi
expect_no_leftovers gui
# The launcher expands $HOME in -Djavafx.cachedir: the cache lands in the stand-in home.
FX_CACHE=
if [ -d "$TEST_HOME/.cache/switchboard/javafx" ]; then
  FX_CACHE=$TEST_HOME/.cache/switchboard/javafx
  pass "JavaFX cache in $FX_CACHE"
fi

say "dpkg --purge"
if [ "$KEEP" = yes ]; then
  echo "   --keep: left installed"
else
  run_step dpkg-purge 120s $SUDO dpkg --purge "$PKG" || fatal "dpkg --purge $PKG"
  INSTALLED=no
  before=${#FAILED[@]}
  [ ! -e "$APP_DIR" ] || fail "$APP_DIR still exists after purge: $(find "$APP_DIR" | head -5 | tr '\n' ' ')"
  [ ! -e "$LINK" ] && [ ! -L "$LINK" ] || fail "$LINK still exists after purge"
  ! ls /usr/share/applications/*switchboard*.desktop >/dev/null 2>&1 || fail "menu entry left after purge"
  [ -f "$MARKER" ] || fail "purge removed the user's file $MARKER"
  [ -z "$FX_CACHE" ] || [ -d "$FX_CACHE" ] || fail "purge removed the user's JavaFX cache $FX_CACHE"
  [ ${#FAILED[@]} -gt "$before" ] || pass "$APP_DIR and $LINK gone; user files untouched"
fi

[ ${#FAILED[@]} -eq 0 ] && printf '\ntest-deb.sh: all steps passed (logs in %s)\n' "$OUT"
