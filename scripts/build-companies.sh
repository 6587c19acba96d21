#!/usr/bin/env bash
# Build one site per company: every companies/<name>/company.yml into <output>/<name>/ (default: build/).
# Stops at the first company whose file has a problem, and says which one.
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-build}"
mkdocs="${MKDOCS:-.venv/bin/mkdocs}"
shopt -s nullglob
files=(companies/*/company.yml)
if [ ${#files[@]} -eq 0 ]; then
  echo "No companies/<name>/company.yml found." >&2
  exit 1
fi
for file in "${files[@]}"; do
  name="$(basename "$(dirname "$file")")"
  echo "== $name: $file -> $output/$name"
  COMPANY_FILE="$file" NO_MKDOCS_2_WARNING=1 "$mkdocs" build --quiet -d "$output/$name" \
    || { echo "The site of $name was not built: see the message above." >&2; exit 1; }
done
echo "Built ${#files[@]} site(s) in $output/."
