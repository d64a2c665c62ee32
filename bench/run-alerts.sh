#!/usr/bin/env bash
# npm run bench:alerts [-- --seconds 20 --concurrency 8 --batch 50 --groups 200]: builds the
# production app unless BENCH_SKIP_BUILD=1, then runs bench/alerts/main.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
	npx vite build --logLevel warn
fi
exec npx tsx bench/alerts/main.ts "$@"
