#!/usr/bin/env bash
# The GPU check (issue #22): `bench/gpu_check.sh plan` says what to build here and which device calls to make.
# The driver is bench/gpu_check.py (standard library only until it has installed the payload). On the device,
# python3 is the image's, the one with torch and CUDA; elsewhere set PYTHON to choose another.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" bench/gpu_check.py "$@"
