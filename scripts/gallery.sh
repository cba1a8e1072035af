#!/usr/bin/env bash
# Renders the README gallery from the current build: page 1 of every example (and the notice's last
# page) as LibreOffice lays it out. Needs soffice and pdftoppm. Usage: bash scripts/gallery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/plangen.js build examples/*.yaml -o "$work" --no-cache --quiet
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work"/*.docx >/dev/null
for pdf in "$work"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -png -f 1 -l 1 -scale-to 749 -singlefile "$pdf" "examples/img/$name-page1"
done
pages=$(pdfinfo "$work/tech-bureau-notice.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -f "$pages" -l "$pages" -scale-to 749 -singlefile "$work/tech-bureau-notice.pdf" examples/img/tech-bureau-notice-last
pdftoppm -png -f 2 -l 2 -scale-to 749 -singlefile "$work/tech-bureau-annual.pdf" examples/img/tech-bureau-annual-page2
