#!/usr/bin/env bash
# Rebuilds the vendored front-end assets under ../static from the pinned npm packages.
# The output is committed: running Tilts or its tests never needs Node.js.
set -euo pipefail
cd "$(dirname "$0")"
STATIC=../static

npm ci --no-audit --no-fund

mkdir -p "$STATIC/tilts" "$STATIC/vendor/govuk-frontend/assets/images" \
  "$STATIC/vendor/moj-frontend" "$STATIC/vendor/htmx.org" "$STATIC/vendor/noto-sans"

npx sass --pkg-importer=node --load-path=. --style=compressed --no-source-map --quiet-deps \
  tilts.scss "$STATIC/tilts/tilts.min.css"

GOVUK=node_modules/govuk-frontend
MOJ=node_modules/@ministryofjustice/frontend
cp "$GOVUK/dist/govuk/govuk-frontend.min.js" "$STATIC/vendor/govuk-frontend/"
cp "$MOJ/moj/moj-frontend.min.js" "$STATIC/vendor/moj-frontend/"
# Neither npm package ships its licence file; both declare MIT in package.json.
mit() { sed "s/@HOLDER@/$1/" mit-licence.txt; }
mit "Crown Copyright (Government Digital Service)" > "$STATIC/vendor/govuk-frontend/LICENSE.txt"
mit "Crown Copyright (Ministry of Justice)" > "$STATIC/vendor/moj-frontend/LICENSE.txt"
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE "$STATIC/vendor/htmx.org/"

# Only the icons the stylesheet refers to; nothing with the crown or GOV.UK branding.
for image in $(grep -o 'assets/images/[a-z0-9-]*\.svg' "$STATIC/tilts/tilts.min.css" | sort -u | xargs -n1 basename); do
  case "$image" in
    *crest*|*crown*|*govuk*) ;;
    *) cp "$MOJ/moj/assets/images/$image" "$STATIC/vendor/govuk-frontend/assets/images/" 2>/dev/null \
         || cp "$GOVUK/dist/govuk/assets/images/$image" "$STATIC/vendor/govuk-frontend/assets/images/" ;;
  esac
done
# GOV.UK's footer rule names the royal crest; Tilts never shows it, so the file is a blank image
# (collectstatic needs every referenced file to exist).
printf '%s\n' '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' \
  > "$STATIC/vendor/govuk-frontend/assets/images/govuk-crest.svg"

for subset in latin latin-ext cyrillic cyrillic-ext; do
  for weight in 400 700; do
    cp "node_modules/@fontsource/noto-sans/files/noto-sans-$subset-$weight-normal.woff2" "$STATIC/vendor/noto-sans/"
  done
done
cp node_modules/@fontsource/noto-sans/LICENSE "$STATIC/vendor/noto-sans/OFL.txt"
echo "Built $STATIC/tilts/tilts.min.css and vendored scripts, icons and fonts."
