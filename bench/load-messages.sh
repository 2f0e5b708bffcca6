#!/usr/bin/env bash
# Load test of POST /api/messages with channel authentication ON, replying through the connector client
# to a loopback connector stub — and, in the same run, the same load on a bare Kestrel endpoint that parses
# the same activity and posts the same reply with a plain HttpClient (the limit). Loopback only.
# Usage: bash bench/load-messages.sh [duration-seconds]   (needs wrk: apt-get install -y wrk)
# Prints per run: req/s, p50, p99, non-2xx, replies counted at the stub / requests, and the bot's CPU time per reply.
#   BENCH_SCENARIO=help (default): every message is "help" (authentication, pipeline, dialog runner, reply).
#   BENCH_SCENARIO=consultation: each conversation takes the demo consultation, one scripted answer per
#     message (bench/consultation-script.txt): consent, answers stored as given, state saved, next question
#     sent as a card; afterwards the SQLite file tells how many answers were stored.
#   BENCH_REPEAT=N: N alternating bot / bare pairs, the ratio from the medians (the bare rate is noisy here).
#   BENCH_BOT=echo-js: the bot under load is botbuilder-js 4.23's echo bot (bench/echo-js), the comparison point of
#     issue 4's target ("4x a botbuilder-js echo bot"), with the same authentication and identity settings.
#   BENCH_PID_FILE=path: the bot's process id is written there once it is ready (to attach perf, dotnet-counters…).
#   BENCH_BOT_ENV="VAR=value …": extra environment for the bot process only (runtime settings experiments).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
THREADS=2
CONNECTIONS=32
BOT_PORT=39000 CONNECTOR_PORT=39001 IDENTITY_PORT=39002 BARE_PORT=39003
APP_ID=00000000-0000-0000-0000-0000000be4c1
TOKEN_FILE=$(mktemp)
OUT=${BENCH_OUT:-bench/results}
SCENARIO=${BENCH_SCENARIO:-help}
DATA_FOLDER=$(mktemp -d)
if [ "$SCENARIO" = consultation ]; then
  export BENCH_SCRIPT=bench/consultation-script.txt BENCH_CONVERSATIONS=${BENCH_CONVERSATIONS:-2000}
  ACTIVITY=bench/activity-consultation.json
else
  ACTIVITY=bench/activity.json
fi
mkdir -p "$OUT" && rm -f "$OUT"/*.rps
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

dotnet build -c Release bench/EngagementBot.Bench.Host -v quiet -nologo >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$TOKEN_FILE"; }
trap cleanup EXIT

dotnet bench/EngagementBot.Bench.Host/bin/Release/net10.0/EngagementBot.Bench.Host.dll \
  --connector-port $CONNECTOR_PORT --identity-port $IDENTITY_PORT --bare-port $BARE_PORT --app-id $APP_ID --token-out "$TOKEN_FILE" &
pids+=($!)

if [ "${BENCH_BOT:-}" = echo-js ]; then
  # The comparison point: botbuilder-js 4.23's echo bot (bench/echo-js), same authentication and identity settings.
  [ -d bench/echo-js/node_modules ] || (cd bench/echo-js && npm ci --no-audit --no-fund --loglevel=error)
  PORT=$BOT_PORT NODE_ENV=production \
  MicrosoftAppType=UserAssignedMSI MicrosoftAppId=$APP_ID MicrosoftAppTenantId=00000000-0000-0000-0000-00000000bec4 \
  IDENTITY_ENDPOINT=http://127.0.0.1:$IDENTITY_PORT/msi/token IDENTITY_HEADER=bench \
  ToBotFromChannelOpenIdMetadataUrl=http://127.0.0.1:$IDENTITY_PORT/v1/.well-known/openidconfiguration \
  ToBotFromChannelTokenIssuer=https://api.botframework.com ToChannelFromBotOAuthScope=https://api.botframework.com \
  ToChannelFromBotLoginUrl=https://login.microsoftonline.com/botframework.com OAuthUrl=https://api.botframework.com \
  ToBotFromEmulatorOpenIdMetadataUrl=https://login.botframework.com/v1/.well-known/openidconfiguration \
  CallerId=urn:botframework:azure ValidateAuthority=true \
  node bench/echo-js/index.js >/dev/null &
  BOT_PID=$!
  pids+=($BOT_PID)
  for i in $(seq 1 100); do [ -s "$TOKEN_FILE" ] && curl -s -o /dev/null "http://127.0.0.1:$BOT_PORT/" && break; sleep 0.2; done
else
# The bot, as in production (authentication on), its identity pointed at the loopback metadata and
# managed-identity endpoints: nothing in the bot is bench-specific, only configuration.
ASPNETCORE_ENVIRONMENT=Production \
ASPNETCORE_URLS=http://127.0.0.1:$BOT_PORT \
Logging__LogLevel__Default=Warning \
MicrosoftAppType=UserAssignedMSI MicrosoftAppId=$APP_ID MicrosoftAppTenantId=00000000-0000-0000-0000-00000000bec4 \
IDENTITY_ENDPOINT=http://127.0.0.1:$IDENTITY_PORT/msi/token IDENTITY_HEADER=bench \
ChannelAuthentication__BotFrameworkOpenIdMetadataUrl=http://127.0.0.1:$IDENTITY_PORT/v1/.well-known/openidconfiguration \
ChannelAuthentication__RequireHttpsMetadata=false \
Storage__DataFolder="$DATA_FOLDER" Storage__SeedDemoContent=$([ "$SCENARIO" = consultation ] && echo true || echo false) \
env ${BENCH_BOT_ENV:-} dotnet bot/bin/Release/net10.0/EngagementBot.Bot.dll &
BOT_PID=$!
pids+=($BOT_PID)

for i in $(seq 1 100); do
  if [ -s "$TOKEN_FILE" ] && curl -s -o /dev/null "http://127.0.0.1:$BOT_PORT/health/ready"; then break; fi
  sleep 0.2
done
fi
[ -z "${BENCH_PID_FILE:-}" ] || echo "$BOT_PID" > "$BENCH_PID_FILE"
export BENCH_ACTIVITY=$ACTIVITY
export BENCH_TOKEN=$(cat "$TOKEN_FILE")

replies() { curl -s "http://127.0.0.1:$CONNECTOR_PORT/stats" | sed 's/[^0-9]//g'; }
# The bot process's CPU time (user + system) in clock ticks: divided by the replies of a run, the CPU cost of a turn.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$BOT_PID/stat"; }
CLOCK_TICKS=$(getconf CLK_TCK)

run() { # name url seconds [rate]
  local name=$1 url=$2 seconds=$3 rate=${4:-}
  local before; before=$(replies)
  local cpu_before; cpu_before=$(cpu_ticks)
  BENCH_RUN=$name- BENCH_RATE=$rate BENCH_CONNECTIONS=$CONNECTIONS wrk -t$THREADS -c$CONNECTIONS -d${seconds}s --latency -s bench/messages.lua "$url" > "$OUT/$name.txt"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/$name.txt")
  errors=$(awk -F: '/Non-2xx/ {gsub(/ /,"",$2); print $2}' "$OUT/$name.txt")
  local requests sent
  requests=$(awk '/requests in/ {print $1}' "$OUT/$name.txt")
  sent=$(( $(replies) - before ))
  local cpu="—"   # the bot's CPU per reply; not meaningful for the bare endpoint (its process also runs the stub)
  case "$url" in *":$BOT_PORT/"*) cpu=$(awk -v t=$(( $(cpu_ticks) - cpu_before )) -v hz="$CLOCK_TICKS" -v n="$sent" \
    'BEGIN { printf "%.0f µs", (n > 0 ? 1e6 * t / hz / n : 0) }');; esac
  printf '| %-34s | %10s | %8s | %8s | %6s | %9s / %-9s | %8s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}" "$sent" "$requests" "$cpu"
  echo "$rps" > "$OUT/$name.rps"
}

# Warm-up: long enough for tiered compilation to reach steady state (on 2 busy cores the JIT still took a quarter
# of the bot's CPU 20 s into a run), so the figures measure the bot, not its start-up.
echo "warming up (${BENCH_WARMUP:-20} s)…"
BENCH_RUN=warm- wrk -t$THREADS -c$CONNECTIONS -d${BENCH_WARMUP:-20}s -s bench/messages.lua "http://127.0.0.1:$BOT_PORT/api/messages" >/dev/null
BENCH_TOKEN= wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/messages.lua "http://127.0.0.1:$BARE_PORT/api/messages" >/dev/null

echo "| scenario                           |    req/s   |   p50    |   p99    | non-2xx | replies / requests  | bot CPU / reply |"
echo "|------------------------------------|-----------:|---------:|---------:|-------:|--------------------:|---------:|"
# BENCH_REPEAT=N alternates N bot / bare pairs: the bare endpoint's own rate varies from run to run on a shared
# 2-core machine, so the ratio is taken from the medians.
REPEAT=${BENCH_REPEAT:-1}
for r in $(seq 1 "$REPEAT"); do
  suffix=$([ "$r" -gt 1 ] && echo "-$r" || true)
  run "bot-authenticated$suffix" "http://127.0.0.1:$BOT_PORT/api/messages" "$DURATION"
  BENCH_TOKEN= run "bare-reply-endpoint$suffix" "http://127.0.0.1:$BARE_PORT/api/messages" "$DURATION"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
BOT_RPS=$(cat "$OUT"/bot-authenticated*.rps | median)
HALF=$(awk -v r="$BOT_RPS" 'BEGIN { printf "%d", r / 2 }')
# wrk paces per connection (a pause after each response), so calibrate the pause once to land near HALF.
BENCH_RUN=calibration- BENCH_RATE=$HALF BENCH_CONNECTIONS=$CONNECTIONS wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/messages.lua "http://127.0.0.1:$BOT_PORT/api/messages" > "$OUT/calibration.txt"
ACHIEVED=$(awk '/^Requests\/sec/ {print $2}' "$OUT/calibration.txt")
PACED=$(awk -v h="$HALF" -v a="$ACHIEVED" 'BEGIN { printf "%d", h * h / a }')
run "bot-authenticated-at-half-rate" "http://127.0.0.1:$BOT_PORT/api/messages" "$DURATION" "$PACED"
BARE_RPS=$(cat "$OUT"/bare-reply-endpoint*.rps | median)
awk -v b="$BOT_RPS" -v r="$BARE_RPS" -v n="$REPEAT" 'BEGIN { printf "\nbot / bare = %.0f%% (%s / %s req/s, medians of %d run(s) each)\n", 100 * b / r, b, r, n }'
echo "bot peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$BOT_PID/status)"
if [ "$SCENARIO" = consultation ]; then
  python3 - "$DATA_FOLDER" <<'PY'
import glob, sqlite3, sys
db = sqlite3.connect(glob.glob(sys.argv[1] + "/*.db")[0])
q = lambda sql: db.execute(sql).fetchone()[0]
print(f"stored: {q('select count(*) from participants')} participants, {q('select count(*) from responses')} responses, "
      f"{q('select count(*) from answers')} answers, {q('select count(*) from responses where submitted_at is not null')} submitted")
PY
fi
rm -rf "$DATA_FOLDER"
