#!/usr/bin/env bash
# Runs every benchmark with its standard arguments and writes bench/RESULTS.md.
# Installs what the references need (Debian's PyTorch for the training comparison) first.
# Usage: bench/suite.sh [NAME...]   (the NAMEs only; default every benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "suite: installing Debian's python3-torch for the PyTorch reference"
  ${SUDO:-$( [ "$(id -u)" -eq 0 ] || echo sudo )} apt-get install -y -q python3-torch >/dev/null
fi
./facelab setup >/dev/null
dotnet build bench/FaceLab.Bench -c Release -v q -nologo >/dev/null
exec dotnet run -c Release --no-build --project bench/FaceLab.Bench -- suite "$@"
