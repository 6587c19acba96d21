#!/usr/bin/env bash
# Make sure the PDF printing and the browser tests have a Chromium: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium,
# installed from Debian's packages when missing (Playwright's own browser download is not used).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, which is not an executable file." >&2
  exit 1
fi
echo "Installing Chromium from Debian's packages (it prints the PDF and runs the browser tests)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
