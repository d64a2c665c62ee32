#!/usr/bin/env bash
# npm run bench:room [-- --sizes 100,1000,10000 …]: builds the production app unless
# BENCH_SKIP_BUILD=1, then runs the room benchmark. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
	npx vite build --logLevel warn
fi
exec npx tsx bench/room/main.ts "$@"
