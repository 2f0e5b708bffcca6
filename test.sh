#!/usr/bin/env bash
# Runs every test of EngagementBot, installing first what the tests need on a fresh Debian machine
# (Chromium for the Web Chat end-to-end tests, the npm packages of the test tools, PostgreSQL for the
# storage conformance suite, which starts its own throwaway cluster on 127.0.0.1). Exits non-zero on any failure. CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v zip >/dev/null 2>&1 || need_apt+=(zip)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
fi

for dir in $(git ls-files '*package-lock.json' ':!bench/**' | xargs -r -n1 dirname); do   # bench/ installs its own
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "== npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

echo "== build"
dotnet build EngagementBot.sln -c Release -nologo -v quiet

echo "== format check"
dotnet format EngagementBot.sln --verify-no-changes --no-restore

echo "== tests"
log=$(mktemp)
set +e
dotnet test EngagementBot.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^(Passed!|Failed!)/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { gsub(",", "", p); printf "\n%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
