#!/bin/sh
# Renders icons/switchboard.svg into the PNG sizes, a Windows .ico and a macOS .icns.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns):
#   apt-get install -y librsvg2-bin imagemagick icnsutils
# Run from anywhere: sh icons/render.sh
set -eu
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "render.sh: '$tool' not found; install it: apt-get install -y librsvg2-bin imagemagick icnsutils" >&2
        exit 1
    }
done

mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" --format png switchboard.svg --output "png/switchboard-$size.png"
done

# Windows: one .ico holding every size Explorer asks for (256 is stored as PNG inside).
convert png/switchboard-16.png png/switchboard-24.png png/switchboard-32.png png/switchboard-48.png \
        png/switchboard-64.png png/switchboard-128.png png/switchboard-256.png switchboard.ico

# macOS: png2icns takes only the sizes the format defines (16, 32, 48, 128, 256, 512).
png2icns switchboard.icns png/switchboard-16.png png/switchboard-32.png png/switchboard-48.png \
         png/switchboard-128.png png/switchboard-256.png png/switchboard-512.png >/dev/null

echo "rendered: $(ls png | tr '\n' ' ')switchboard.ico switchboard.icns"
