#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry. Running the project never needs Node:
# the results are committed under static/vendor/ (and the axe-core test asset under tests/browser/vendor/).
set -euo pipefail
cd "$(dirname "$0")/.."
GOVUK_VERSION="${GOVUK_VERSION:-5}"
HTMX_VERSION="${HTMX_VERSION:-2}"
AXE_VERSION="${AXE_VERSION:-4}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "govuk-frontend@$GOVUK_VERSION" "htmx.org@$HTMX_VERSION" "axe-core@$AXE_VERSION" >/dev/null)
for tgz in "$work"/*.tgz; do d="${tgz%.tgz}"; mkdir -p "$d"; tar xzf "$tgz" -C "$d"; done

dest=static/vendor/govuk-frontend
rm -rf "$dest"; mkdir -p "$dest"
src=$(ls -d "$work"/govuk-frontend-*/package/dist/govuk)
# The minified CSS points at absolute /assets/...; make it relative so it works under STATIC_URL.
# De-branded: drop the GDS Transport @font-face rules (Arial is the fallback) and the crown crest image.
python3 - "$src/govuk-frontend.min.css" "$dest/govuk-frontend.min.css" <<'PY'
import re, sys
css = open(sys.argv[1], encoding="utf-8").read()
css = css.replace("url(/assets/", "url(assets/")
css = re.sub(r"@font-face\{[^}]*\}", "", css)
css = re.sub(r"url\(assets/images/govuk-crest\.svg\)", "none", css)
open(sys.argv[2], "w", encoding="utf-8").write(css)
PY
cp "$src/govuk-frontend.min.css.map" "$src/govuk-frontend.min.js" "$src/govuk-frontend.min.js.map" "$dest/"
mkdir -p "$dest/assets"
cp -r "$src/assets/images" "$dest/assets/"
# De-branded: no crown and no GDS Transport font files (the CSS falls back to Arial).
rm -f "$dest/assets/images/govuk-crest.svg" "$dest/assets/images/govuk-opengraph-image.png"
grep -o '"version": *"[^"]*"' "$work"/govuk-frontend-*/package/package.json | head -1 > "$dest/VERSION"

dest=static/vendor/htmx
rm -rf "$dest"; mkdir -p "$dest"
cp "$work"/htmx.org-*/package/dist/htmx.min.js "$dest/"
grep -o '"version": *"[^"]*"' "$work"/htmx.org-*/package/package.json | head -1 > "$dest/VERSION"

dest=tests/browser/vendor
mkdir -p "$dest"
cp "$work"/axe-core-*/package/axe.min.js "$dest/"
grep -o '"version": *"[^"]*"' "$work"/axe-core-*/package/package.json | head -1 > "$dest/AXE_VERSION"
echo "Vendored: $(cat static/vendor/govuk-frontend/VERSION) govuk-frontend, $(cat static/vendor/htmx/VERSION) htmx, $(cat tests/browser/vendor/AXE_VERSION) axe-core"
