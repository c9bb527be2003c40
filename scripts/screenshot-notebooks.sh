#!/usr/bin/env bash
# Renders committed notebooks (with their saved outputs) to HTML with nbconvert and screenshots the top of each
# page in headless Chromium, to see what a reader of the repository sees without running anything.
#
#   scripts/screenshot-notebooks.sh [NOTEBOOK ...]   (default: 01-quickstart and 02-estimator-tour)
#
# Needs Debian's python3-nbconvert and chromium. Writes target/screenshots/NAME.html and NAME.png.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
out="$ROOT/target/screenshots"
mkdir -p "$out"
notebooks=("$@")
if [[ ${#notebooks[@]} -eq 0 ]]; then
  notebooks=("$ROOT/notebooks/01-quickstart.ipynb" "$ROOT/notebooks/02-estimator-tour.ipynb")
fi
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  /usr/bin/python3 -m nbconvert --to html --output-dir "$out" --output "$name" "$nb" >/dev/null 2>&1
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size=1280,"${SIEBENCH_SHOT_HEIGHT:-2600}" --screenshot="$out/$name.png" "file://$out/$name.html" \
    >/dev/null 2>&1
  rm -rf "$profile"
  echo "$name: $out/$name.png ($(stat -c %s "$out/$name.png") bytes)"
done
