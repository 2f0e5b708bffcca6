// Validates every *.json Adaptive Card in a folder with the official adaptivecards@3.0.6 object model:
// parse events and validateProperties() errors must be empty and the version at most 1.5.
// Usage: node validate-adaptive-cards.js <folder>. Prints one line per card; exit code 1 when any fails.
'use strict';
const fs = require('fs');
const path = require('path');
const AC = require('adaptivecards/dist/adaptivecards.js');

const folder = process.argv[2];
if (!folder || !fs.existsSync(folder)) {
  console.error('usage: node validate-adaptive-cards.js <folder with card .json files>');
  process.exit(2);
}

let failed = 0;
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const json = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  const problems = [];
  const version = AC.Version.parse(json.version, new AC.SerializationContext());
  if (!version || !version.isValid || version.major > 1 || (version.major === 1 && version.minor > 5)) {
    problems.push(`version ${json.version} is not <= 1.5`);
  }
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validation: ${event.message}`);
  }
  if (problems.length > 0) {
    failed++;
    console.log(`FAIL ${file}: ${problems.join('; ')}`);
  } else {
    console.log(`OK ${file}`);
  }
}
console.log(`${files.length} card(s), ${failed} failed`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
