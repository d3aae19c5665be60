#!/usr/bin/env bash
# Builds the ffmpeg Lambda layer (serverless.yml `layers.ffmpeg`): static ffmpeg and ffprobe for linux-arm64, the
# functions' architecture, taken from their npm registry packages pinned in package-lock.json (integrity-checked by
# npm ci; nothing else is downloaded). Lambda mounts the layer at /opt: the binaries land at /opt/bin/ffmpeg and
# /opt/bin/ffprobe, which FFMPEG_PATH and FFPROBE_PATH name. The packages are optional dependencies so that
# `npm ci` for linux-arm64 may install them on any machine (--os/--cpu); scripts are not run (they only chmod).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [[ -x layer/bin/ffmpeg && -x layer/bin/ffprobe && layer/.built-from -nt package-lock.json ]]; then
  echo "ffmpeg layer: up to date (layers/ffmpeg/layer)"
  exit 0
fi
npm ci --os=linux --cpu=arm64 --ignore-scripts --no-audit --no-fund --loglevel=error
rm -rf layer
mkdir -p layer/bin
cp node_modules/@ffmpeg-installer/linux-arm64/ffmpeg layer/bin/ffmpeg
cp node_modules/@ffprobe-installer/linux-arm64/ffprobe layer/bin/ffprobe
chmod 755 layer/bin/ffmpeg layer/bin/ffprobe
# Refuse anything that is not an arm64 executable: a wrong build would only fail at the first invocation on AWS.
for binary in layer/bin/ffmpeg layer/bin/ffprobe; do
  machine="$(od -An -t x2 -j 18 -N 2 "$binary" | tr -d ' ')"
  if [[ "$machine" != "00b7" ]]; then
    echo "ffmpeg layer: $binary is not an ELF aarch64 executable (e_machine 0x$machine)" >&2
    exit 1
  fi
done
cp package-lock.json layer/.built-from
echo "ffmpeg layer: built layers/ffmpeg/layer ($(du -sh layer | cut -f1))"
