#!/usr/bin/env bash
# Renders an executed notebook to HTML (nbconvert) and screenshots it in headless Chromium, to look at what a
# reader of the notebook sees (inline tables, charts, progress displays).
#
#   scripts/screenshot-notebook.sh EXECUTED.ipynb OUT.png [HEIGHT]      (default height 3000 px, width 1200)
#
# Executed notebooks come from scripts/run-notebooks.sh (target/notebooks/). Needs Debian's python3-nbconvert and
# chromium (apt-get install -y python3-nbconvert chromium).
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 EXECUTED.ipynb OUT.png [HEIGHT]" >&2
  exit 2
fi
nb="$1"
out="$2"
height="${3:-3000}"
[ -f "$nb" ] || { echo "$0: no notebook $nb" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "$0: chromium not found; apt-get install -y chromium" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m nbconvert --to html --output-dir "$work" --output page "$nb" >/dev/null 2>&1 \
  || { /usr/bin/python3 -m nbconvert --to html --output-dir "$work" --output page "$nb"; exit 1; }
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --window-size="1200,$height" --screenshot="$(realpath -m "$out")" "file://$work/page.html" >/dev/null 2>&1
[ -s "$out" ] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "screenshot of $nb: $out (1200x$height)"
