#!/usr/bin/env bash
# Installs the Debian packages FaceLab needs, only when missing (a dpkg query when all are there).
#   ffmpeg        decode, cut, encode, probe
#   libgtk-3-0    the OpenCvSharp Linux runtime links against it
#   libdlib-data  dlib's 68-point shape predictor
#   opencv-data   Haar cascades (fallback detector, test oracle)
# With --tests also what the test suite uses as independent oracles:
#   python3-skimage, python3-opencv (golden numbers), libimage-exiftool-perl (second metadata reader),
#   chromium (the studio's browser tests drive it through Playwright; no browser download),
#   slurm-wlm + munge (the farm tests submit job arrays to a one-node Slurm, scripts/slurm-node.sh)
set -euo pipefail
packages=(ffmpeg libgtk-3-0 libdlib-data opencv-data)
if [ "${1:-}" = "--tests" ]; then
  packages+=(python3-skimage python3-opencv libimage-exiftool-perl chromium slurm-wlm munge)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "facelab: installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
