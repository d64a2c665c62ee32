#!/usr/bin/env bash
# npm run bench:realtime [-- --n 100 --seconds 10 …]: raises the open-file limit (each client
# is a socket in the server and in a client process), builds the production app unless
# BENCH_SKIP_BUILD=1, then runs the benchmark. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt 65536 ]; then
	ulimit -Hn 65536 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open-file limit: $(ulimit -n)"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
	npx vite build --logLevel warn
fi
exec npx tsx bench/realtime/main.ts "$@"
