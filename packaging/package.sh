#!/usr/bin/env bash
# Builds Switchboard's self-contained app-image and native package with jpackage (JDK 25).
#
#   mvn -DskipTests package && packaging/package.sh            # app-image + .deb or .rpm
#   packaging/package.sh --build                               # runs the mvn step first
#   packaging/package.sh --type app-image|deb|rpm|msi|dmg|pkg|exe
#   packaging/package.sh --no-aot                              # without the AOT cache (Linux)
#
# Without --type: .deb on Debian-like systems, .rpm on Fedora/RHEL/SUSE-like ones
# (from /etc/os-release), .dmg on macOS, .msi on Windows; the app-image is always built
# first and the package is made from it. Output: target/packages/.
# JDK: $JAVA_HOME when it is 25 or newer, else /usr/lib/jvm/temurin-25-jdk-amd64.
# Needs: fakeroot and dpkg-deb (.deb), rpmbuild (.rpm), WiX 3+ (.msi), Xcode tools (.dmg);
# xvfb-run for the AOT cache (Linux).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=$ROOT/target
DEST=$TARGET/packages
STAGE=$TARGET/jpackage/input
NAME=switchboard
MAIN_CLASS=dev.switchboard.Launcher
VENDOR=Switchboard
DESCRIPTION="Starts, watches and stops stacks of cooperating processes declared in YAML."
FALLBACK_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

# Modules the trimmed runtime always gets, whatever jdeps sees: JavaFX and the libraries
# reach some of them only by reflection or ServiceLoader, which jdeps cannot follow.
BASE_MODULES=(
  java.base
  java.desktop       # JavaFX (javafx.base requires it), java.beans
  java.logging       # java.util.logging, used by JavaFX and bridged by logback
  java.management    # logback's JMX configurator, JVM metrics
  java.naming        # logback's JNDI lookups
  java.net.http      # readiness probes of kind http
  java.sql           # jackson-databind's java.sql.Date support
  java.xml           # logback.xml parsing
  jdk.crypto.ec      # TLS to https:// readiness probes
  jdk.jfr            # javafx.base requires it
  jdk.net            # extended socket options
  jdk.unsupported    # sun.misc.Unsafe / Signal used by JavaFX and libraries
  jdk.zipfs          # reading resources from jars through FileSystems
)

die() { echo "package.sh: $*" >&2; exit 1; }

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

TYPE=
BUILD=no
AOT=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --type) [ $# -ge 2 ] || die "--type needs a value (app-image, deb, rpm, msi, exe, dmg or pkg)"; TYPE=$2; shift 2 ;;
    --type=*) TYPE=${1#--type=}; shift ;;
    --build) BUILD=yes; shift ;;
    --no-aot) AOT=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

java_major() {  # prints the feature version of the JDK in $1, or nothing
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  JDK=$JAVA_HOME
elif [ "$(java_major "$FALLBACK_JDK")" -ge 25 ] 2>/dev/null; then
  JDK=$FALLBACK_JDK
else
  die "needs JDK 25 or newer: set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset}, $FALLBACK_JDK missing)"
fi
[ -x "$JDK/bin/jpackage" ] || die "$JDK has no bin/jpackage; use a full JDK 25, not a JRE"
export JAVA_HOME=$JDK

if [ -z "$TYPE" ]; then
  case "$(uname -s)" in
    Darwin) TYPE=dmg ;;
    MINGW*|MSYS*|CYGWIN*) TYPE=msi ;;
    *)
      os_ids=$( . /etc/os-release 2>/dev/null; echo " ${ID:-} ${ID_LIKE:-} " )
      case "$os_ids" in
        *" debian "*|*" ubuntu "*) TYPE=deb ;;
        *" fedora "*|*" rhel "*|*" centos "*|*" suse "*|*" opensuse "*) TYPE=rpm ;;
        *) TYPE=app-image; echo "package.sh: unknown distribution ($os_ids); building the app-image only" >&2 ;;
      esac ;;
  esac
fi
case "$TYPE" in
  app-image|deb|rpm|msi|exe|dmg|pkg) ;;
  *) die "unknown --type '$TYPE' (app-image, deb, rpm, msi, exe, dmg or pkg)" ;;
esac

cd "$ROOT"
if [ "$BUILD" = yes ]; then
  command -v mvn >/dev/null || die "--build needs mvn on the PATH"
  mvn -B -q -DskipTests package
fi
[ -f "$TARGET/lib/$NAME.jar" ] || die "$TARGET/lib/$NAME.jar not found: run 'mvn -DskipTests package' first (or pass --build)"

# The project version, without a -SNAPSHOT-like suffix: deb, rpm and msi want plain numbers.
POM_VERSION=$(awk '/<parent>/,/<\/parent>/ {next} /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}' pom.xml)
[ -n "$POM_VERSION" ] || die "could not read <version> from pom.xml"
VERSION=${POM_VERSION%%-*}

# Stage what goes into lib/app: the jars, plus the sample stacks ($APPDIR/stacks at run time).
rm -rf "$TARGET/jpackage" "$DEST/$NAME" "$DEST/$NAME.app"
mkdir -p "$STAGE/stacks" "$DEST"
cp "$TARGET"/lib/*.jar "$STAGE/"
(cd stacks && tar --exclude='__pycache__' --exclude='*.pyc' -cf - .) | (cd "$STAGE/stacks" && tar -xf -)

# The trimmed runtime: the fixed list above plus whatever jdeps finds in the jars.
# Every jar is analysed (not only what switchboard.jar reaches) so that libraries'
# own needs count; anything but a module list (warnings) is dropped.
FOUND=$("$JDK/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$STAGE"/*.jar 2>/dev/null \
          | grep -E '^[a-z][a-z0-9.]*(,[a-z][a-z0-9.]*)*$' | tail -1 || true)
MODULES=$(printf '%s\n' "${BASE_MODULES[@]}" ${FOUND//,/ } | sort -u | paste -sd, -)

case "$TYPE" in
  msi|exe) ICON=icons/switchboard.ico ;;
  dmg|pkg) ICON=icons/switchboard.icns ;;
  *) ICON=icons/png/switchboard-256.png ;;
esac
[ -f "$ICON" ] || die "$ICON not found: run 'sh icons/render.sh'"

COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION"
        --copyright "Copyright $(date +%Y) $VENDOR contributors" --dest "$DEST")

echo "package.sh: JDK $("$JDK/bin/java" -version 2>&1 | head -1), version $VERSION, type $TYPE"
echo "package.sh: modules $MODULES"
# $APPDIR and $HOME are left for the launcher to expand when it starts (JDK 25's
# launcher expands environment variables in its .cfg file, JDK-8341641).
"$JDK/bin/jpackage" --type app-image "${COMMON[@]}" \
  --input "$STAGE" --main-jar "$NAME.jar" --main-class "$MAIN_CLASS" \
  --icon "$ICON" \
  --add-modules "$MODULES" \
  --java-options '--enable-native-access=ALL-UNNAMED' \
  --java-options '-Dswitchboard.stacks=$APPDIR/stacks' \
  --java-options '-Djavafx.cachedir=$HOME/.cache/switchboard/javafx' \
  --java-options '-Xmx384m'

case "$(uname -s)" in
  Darwin) APP_IMAGE=$DEST/$NAME.app ;;
  *) APP_IMAGE=$DEST/$NAME ;;
esac
echo "package.sh: app-image $APP_IMAGE ($(du -sh "$APP_IMAGE" | cut -f1))"

# The background service gets a launcher of its own, bin/$NAME-service, which the CLI and the
# window start instead of bin/$NAME when they need the service: the same native launcher, whose
# name makes it read lib/app/$NAME-service.cfg, with JVM options for a long-lived, mostly idle
# process that must not compete with the stack it supervises (the small collector, and C1 only:
# C2 took most of a core for a second or two whenever log floods started). Made before the AOT
# cache, which is the window's.
if [ "$(uname -s)" = Linux ]; then
  cp "$APP_IMAGE/bin/$NAME" "$APP_IMAGE/bin/$NAME-service"
  { cat "$APP_IMAGE/lib/app/$NAME.cfg"
    printf '%s\n' "java-options=-XX:+UseSerialGC" "java-options=-XX:TieredStopAtLevel=1"
  } > "$APP_IMAGE/lib/app/$NAME-service.cfg"
fi

# An AOT cache (JEP 483/514) of the classes the control panel loads and links up to its first
# frame: cold start to a drawn window drops by about a third (packaging/startup-benchmark.sh).
# Recorded by one training run of the GUI under Xvfb, with the app-image's own launcher, and
# written next to the jars; the JVM maps it only if it matches (same runtime and jars, which
# may have moved), else it starts without it. Skipped with --no-aot, or without xvfb-run.
make_aot_cache() {
  local cfg=$APP_IMAGE/lib/app/$NAME.cfg cache=$APP_IMAGE/lib/app/$NAME.aot work
  if ! command -v xvfb-run >/dev/null; then
    echo "package.sh: no xvfb-run; the package gets no AOT cache (apt-get install xvfb xauth)" >&2
    return 0
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-aot.XXXXXX")
  # A private home: the training run touches no user's files. The supervisor is started first,
  # so that it does not inherit the recording options and write the same file.
  local as_trainee=(env HOME="$work/home" SWITCHBOARD_HOME="$work/state" XDG_CACHE_HOME= XDG_STATE_HOME= XDG_RUNTIME_DIR=)
  mkdir -p "$work/home"
  if "${as_trainee[@]}" "$APP_IMAGE/bin/$NAME" status >"$work/train.log" 2>&1 \
     && "${as_trainee[@]}" JAVA_TOOL_OPTIONS="-Dswitchboard.startupProbe=true -XX:AOTMode=record -XX:AOTConfiguration=$work/$NAME.aotconf -Xlog:aot=error" \
          timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$APP_IMAGE/bin/$NAME" gui >>"$work/train.log" 2>&1 \
     && "${as_trainee[@]}" JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$work/$NAME.aotconf -XX:AOTCache=$cache -Xlog:aot=error" \
          "$APP_IMAGE/bin/$NAME" --version >>"$work/train.log" 2>&1 \
     && [ -s "$cache" ]; then
    # quiet: a cache that does not match (a jar changed) only costs the speed-up
    printf '%s\n' "java-options=-XX:AOTCache=\$APPDIR/$NAME.aot" "java-options=-Xlog:aot=off,cds=off" >> "$cfg"
    echo "package.sh: AOT cache $cache ($(du -sh "$cache" | cut -f1), from $(grep -o 'first frame after [0-9]* ms' "$work/train.log"))"
  else
    rm -f "$cache"
    echo "package.sh: could not record the AOT cache; the package gets none. Last lines:" >&2
    tail -n 5 "$work/train.log" | sed 's/^/  | /' >&2
  fi
  "${as_trainee[@]}" "$APP_IMAGE/bin/$NAME" daemon stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
if [ "$AOT" = yes ] && [ "$(uname -s)" = Linux ]; then
  make_aot_cache
fi

[ "$TYPE" = app-image ] && exit 0

# The package is made from the app-image, so the runtime is linked only once. Made that
# way, jpackage ignores --icon for the menu entry and takes <name>.png from the resource
# folder instead: stage packaging/linux with the icon beside it.
RESOURCES=$TARGET/jpackage/resources
mkdir -p "$RESOURCES"
cp packaging/linux/* "$RESOURCES/"
cp icons/png/switchboard-256.png "$RESOURCES/$NAME.png"
# The JVM maps the AOT cache only if the jars keep the modification times they had when it was
# recorded, and jpackage's copies into a package do not keep them. For the .rpm, %install
# gives them back (rpm then installs them with these times); the .deb is mended after the build.
if [ "$TYPE" = rpm ] && [ -f "$APP_IMAGE/lib/app/$NAME.aot" ]; then
  TOUCHES=$RESOURCES/jar-times.txt
  : > "$TOUCHES"
  for jar in "$APP_IMAGE"/lib/app/*.jar; do
    echo "touch -d @$(stat -c %Y "$jar") %{buildroot}APPLICATION_DIRECTORY/lib/app/$(basename "$jar")" >> "$TOUCHES"
  done
  sed -i "/^cp -r %{_sourcedir}APPLICATION_DIRECTORY/r $TOUCHES" "$RESOURCES/$NAME.spec"
  rm "$TOUCHES"
fi
EXTRA=()
case "$TYPE" in
  deb) EXTRA=(--resource-dir "$RESOURCES" --linux-package-deps libgtk-3-0 --linux-shortcut
              --linux-menu-group 'Development;System;' --linux-app-category devel
              --linux-deb-maintainer 'switchboard@localhost') ;;
  rpm) EXTRA=(--resource-dir "$RESOURCES" --linux-package-deps gtk3 --linux-shortcut
              --linux-menu-group 'Development;System;' --linux-app-category Development/Tools
              --linux-rpm-license-type 'Proprietary') ;;
  msi|exe) EXTRA=(--win-menu --win-menu-group Switchboard --win-shortcut --win-dir-chooser
                  --win-upgrade-uuid 6f1f3c2e-5b1a-4c55-9b6e-2f4c1d0a7e31) ;;
  dmg|pkg) EXTRA=(--mac-package-name Switchboard) ;;
esac
rm -f "$DEST"/*."$TYPE"
"$JDK/bin/jpackage" --type "$TYPE" "${COMMON[@]}" --app-image "$APP_IMAGE" --icon "$ICON" "${EXTRA[@]}"

# The .deb: put the jars' times back (see above) and rebuild it.
if [ "$TYPE" = deb ] && [ -f "$APP_IMAGE/lib/app/$NAME.aot" ]; then
  DEB=$(ls "$DEST"/*.deb)
  TREE=$TARGET/jpackage/deb-tree
  rm -rf "$TREE"
  dpkg-deb -R "$DEB" "$TREE"
  for jar in "$APP_IMAGE"/lib/app/*.jar; do
    touch -r "$jar" "$TREE/opt/$NAME/lib/app/$(basename "$jar")"
  done
  fakeroot dpkg-deb -b -Zgzip "$TREE" "$DEB" >/dev/null
  rm -rf "$TREE"
fi
echo "package.sh: built $(ls "$DEST"/*."$TYPE")"
