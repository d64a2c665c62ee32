#!/usr/bin/env bash
# Makes sure the end-to-end tests have a Chromium: Debian's (/usr/bin/chromium, preferred) or
# the one Playwright downloads. Installs Debian's when it can (root with apt-get); otherwise says
# what to install and fails, rather than letting every browser test fail one by one.
set -euo pipefail

SYSTEM_CHROMIUM=/usr/bin/chromium
cd "$(dirname "$0")/.."

if [ -x "$SYSTEM_CHROMIUM" ]; then
	exit 0
fi
bundled=$(node -e "process.stdout.write(require('@playwright/test').chromium.executablePath())" 2>/dev/null || true)
if [ -n "$bundled" ] && [ -x "$bundled" ]; then
	exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium is missing: installing Debian's chromium package for the browser tests…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
	if [ -x "$SYSTEM_CHROMIUM" ]; then
		echo "Installed $("$SYSTEM_CHROMIUM" --version 2>/dev/null || echo chromium)."
		exit 0
	fi
fi

cat >&2 <<MSG
The browser tests need Chromium, and none was found:
  - not at $SYSTEM_CHROMIUM (Debian/Ubuntu: sudo apt-get install chromium)
  - nor Playwright's own build${bundled:+ at $bundled} (npx playwright install chromium)
Install one of them, then run the tests again.
MSG
exit 1
