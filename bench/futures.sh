#!/usr/bin/env bash
# The futures figures (c4j.tpe.*): an alias of bench/tpe.sh, so that `bench/run pool futures`
# measures issue 11's pools and executors together.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/tpe.sh"
