#!/usr/bin/env bash
# npm run bench:ceiling [-- --watchers 0,1000 …]: raises the open-file limit (each watcher is a
# socket in the server and in a client process), builds the production app unless
# BENCH_SKIP_BUILD=1, then runs the ceiling benchmark. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt 65536 ]; then
	ulimit -Hn 65536 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
	npx vite build --logLevel warn
fi
exec npx tsx bench/ceiling/main.ts "$@"
