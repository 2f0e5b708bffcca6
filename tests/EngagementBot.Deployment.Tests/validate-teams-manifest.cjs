// Validates a Teams app manifest and its localization files against the schemas bundled in
// @microsoft/app-manifest, offline: any network access fails the run.
//   - the manifest: AppManifestUtils.validateAgainstSchema (the package's own validator);
//   - a localization file: the package's bundled MicrosoftTeams.Localization.schema.json of the same
//     version, compiled by the package's Ajv (draft-04) without the 'u' regex flag, because one
//     pattern of that schema ("\b…\b]") is not a valid unicode-mode regular expression.
// Usage: node validate-teams-manifest.cjs <manifest.json> [<localization.json> ...]
// Prints one JSON line {"file": ..., "errors": [...]} per file; exit code 0 when every file has 0 errors.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const offline = () => { throw new Error("network access attempted: use a $schema URL that @microsoft/app-manifest bundles"); };
globalThis.fetch = offline;
require("node:http").request = offline;
require("node:https").request = offline;

const { AppManifestUtils } = require("@microsoft/app-manifest");
const AjvDraft04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const packageRoot = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
const localizationSchema = (url) => {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.Localization\.schema\.json$/i.exec(url ?? "");
  const file = match && path.join(packageRoot, "build", "json-schemas", "teams", match[1], "MicrosoftTeams.Localization.schema.json");
  if (!file || !fs.existsSync(file)) throw new Error(`'${url}' is not a localization schema bundled by @microsoft/app-manifest`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
};

const validateLocalization = (json) => {
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(localizationSchema(json.$schema));
  return validate(json) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message ?? ""}. Details: ${JSON.stringify(e.params)}`);
};

(async () => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    let errors;
    try {
      const json = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
      errors = /Localization\.schema\.json$/i.test(json.$schema ?? "")
        ? validateLocalization(json)
        : await AppManifestUtils.validateAgainstSchema(json);
    } catch (e) {
      errors = [`could not validate: ${e.message}`];
    }
    failed ||= errors.length > 0;
    console.log(JSON.stringify({ file, errors }));
  }
  process.exit(failed ? 1 : 0);
})();
