#!/usr/bin/env bash
# The spelling tests use hunspell with Debian's dictionaries: Quebec and France French, Canadian and US English.
# Installed from Debian's packages when missing.
set -euo pipefail
missing=0
command -v hunspell >/dev/null || missing=1
for dic in fr_CA fr_FR en_CA en_US; do
  [ -f "/usr/share/hunspell/$dic.dic" ] || missing=1
done
if [ "$missing" = 0 ]; then
  exit 0
fi
echo "Installing hunspell and its French and English dictionaries from Debian's packages (spelling tests)..."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hunspell hunspell-fr hunspell-en-ca hunspell-en-us >/dev/null
command -v hunspell >/dev/null
