#!/usr/bin/env bash
# Builds the Teams app package: manifest.json (with {{BOT_APP_ID}} replaced), color.png, outline.png, fr.json
# at the root of a zip, ready for "Upload a custom app" or the Teams admin center.
# Usage: deploymentTemplates/teams/build-app-package.sh <bot-app-id> [output.zip]
#   <bot-app-id>  the Azure Bot's Microsoft App ID (the template's 'appId' output), a GUID
#   output.zip    default: deploymentTemplates/teams/build/engagementbot-teams.zip
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

app_id="${1:-}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "usage: $0 <bot-app-id (GUID)> [output.zip]" >&2
  echo "  the app id is the deployment's 'appId' output: az deployment group show -g <rg> -n <deployment> --query properties.outputs.appId.value -o tsv" >&2
  exit 2
fi
output="${2:-$here/build/engagementbot-teams.zip}"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
sed "s/{{BOT_APP_ID}}/$app_id/g" "$here/manifest.json" > "$staging/manifest.json"
if grep -q '{{' "$staging/manifest.json"; then
  echo "manifest.json still has a {{placeholder}} after substitution" >&2
  exit 1
fi
cp "$here/color.png" "$here/outline.png" "$here/fr.json" "$staging/"

mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
rm -f "$output"
if command -v zip >/dev/null 2>&1; then
  (cd "$staging" && zip -q -X -D "$output" manifest.json color.png outline.png fr.json)
elif command -v python3 >/dev/null 2>&1; then
  (cd "$staging" && python3 -m zipfile -c "$output" manifest.json color.png outline.png fr.json)
else
  echo "zip (apt-get install zip) or python3 is required to build the package" >&2
  exit 1
fi
echo "$output"
