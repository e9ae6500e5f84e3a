#!/usr/bin/env bash
# Ship only the parts of Bootstrap the site uses: PurgeCSS reads the project's
# templates, Python (form widgets, template tags), scripts and the
# crispy-bootstrap5 templates (scripts/purgecss.config.cjs) and keeps only the
# selectors they name. The full file stays beside it as the source. Rerun after
# using a Bootstrap class the site did not use before: `make css`.
set -euo pipefail
cd "$(dirname "$0")/.."
src=static/vendor/bootstrap-5.3.9/bootstrap.min.css
out=static/vendor/bootstrap-5.3.9/bootstrap.used.min.css
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${PURGECSS:-npx --yes purgecss@8.0.0} --config scripts/purgecss.config.cjs --output "$tmp"
{
  echo "/* Bootstrap v5.3.9 (MIT, see LICENSE), trimmed by scripts/trim-bootstrap.sh */"
  cat "$tmp/bootstrap.min.css"
} > "$out"
echo "$(wc -c < "$src") -> $(wc -c < "$out") bytes: $out"
