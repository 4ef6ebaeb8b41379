#!/bin/sh
# Renders the control panel for the user guide into target/screenshots/ (running.png,
# running-dark.png, failed.png): the real in-process supervisor runs the sample stacks
# under a virtual X display. Needs: apt-get install xvfb xauth libgtk-3-0 libgl1 libxtst6 libxxf86vm1
set -eu
cd "$(dirname -- "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run not found (apt-get install xvfb xauth)" >&2; exit 2; }
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/screenshots.cp -Dmdep.includeScope=test
mkdir -p target/screenshots target/javafx-cache
xvfb-run -a -s "-screen 0 1600x1000x24" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Djavafx.cachedir=target/javafx-cache -Dprism.order=sw -Dswitchboard.stacks=stacks \
    -cp "target/classes:target/test-classes:$(cat target/screenshots.cp)" \
    dev.switchboard.ui.preview.ScreenshotMain target/screenshots
