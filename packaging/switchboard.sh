#!/bin/sh
# Switchboard launcher: finds a JDK 25 or newer and runs dev.switchboard.Launcher
# with the jars in <this folder>/../lib. POSIX sh; works through symlinks.

required=25

# Resolve our own folder through symlinks, so a link in ~/bin still finds ../lib.
self=$(readlink -f -- "$0" 2>/dev/null) || self=$0
bin_dir=$(cd -- "$(dirname -- "$self")" && pwd -P) || exit 2
lib_dir="$bin_dir/../lib"

# Prints the major version of the java binary $1 (8 for 1.8, 25 for 25.0.1), or nothing.
java_major() {
    # the line with the version: JAVA_TOOL_OPTIONS makes the JVM print "Picked up …" before it
    "$1" -version 2>&1 | sed -n '/version "/{s/^[^"]*"\([0-9][0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2/p;q;}' |
        { read -r first second && if [ "$first" = 1 ]; then echo "$second"; else echo "$first"; fi; }
}

tried=""
java=""
# JAVA_HOME first, then java on PATH, then the usual install folders.
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
        /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/temurin*/bin/java /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$required" ] 2>/dev/null; then
        java=$candidate
        break
    fi
    tried="$tried
  $candidate (Java ${major:-unknown})"
done

if [ -z "$java" ]; then
    {
        echo "switchboard: needs Java $required or newer, and none was found."
        [ -n "$tried" ] && echo "Tried:$tried"
        echo "Install a JDK $required (for example Eclipse Temurin $required: https://adoptium.net," \
            "or 'apt install temurin-$required-jdk') and set JAVA_HOME to its folder."
    } >&2
    exit 2
fi

# JavaFX unpacks its native libraries here; without it, it would pick a folder in the passwd home.
cache_dir="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/switchboard/javafx"

# Class data sharing: the first run of each kind writes an archive of the classes it loaded, later
# runs map it and start in about two thirds of the time. A stale archive (after a rebuild) is
# rewritten by the JVM itself.
cds_dir="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/switchboard/cds"
case "${1:-gui}" in
    gui) cds_kind=gui ;;
    *) cds_kind=cli ;;
esac
cds=""
if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
    cds="-XX:SharedArchiveFile=$cds_dir/$cds_kind.jsa"
fi

set -- -cp "$lib_dir/*" dev.switchboard.Launcher "$@"
# In a source checkout (target/bin), the sample stacks sit two folders up.
if [ -d "$bin_dir/../../stacks" ]; then
    set -- "-Dswitchboard.stacks=$(cd -- "$bin_dir/../../stacks" && pwd -P)" "$@"
fi
# The window needs little memory (its log views are bounded); a cap keeps garbage from piling up
# to a quarter of the machine's memory before the collector bothers, as it would by default.
if [ "$cds_kind" = gui ]; then
    set -- -Xmx384m "$@"
fi
if [ -n "$cds" ]; then
    set -- -XX:+AutoCreateSharedArchive "$cds" -Xlog:cds=off -Xlog:cds+dynamic=off "-Dswitchboard.cds=$cds_dir" "$@"
fi
exec "$java" --enable-native-access=ALL-UNNAMED "-Djavafx.cachedir=$cache_dir" "$@"
