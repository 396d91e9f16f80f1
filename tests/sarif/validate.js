#!/usr/bin/env node
// Validates a SARIF log (a file, or "-" for stdin) against the SARIF 2.1.0
// JSON schema that Microsoft's SARIF multitool ships (the package pinned in
// package-lock.json). That copy of the OASIS schema declares JSON Schema
// draft 2020-12, so Ajv's 2020 class reads it; ajv-formats checks the uri,
// uri-reference, date-time and uuid formats it uses.
//
//   node validate.js NODE_MODULES SARIF [--min-results N]
//     [--min-suppressed N] [--min-notifications N] [--min-baselined N]
//     [--min-fixes N] [--min-paths N]
//
// The --min options make sure the log exercised the shapes under test
// (suppressions, notifications...), so a log that is valid only because it
// is empty does not pass.
"use strict";
const fs = require("fs");
const path = require("path");

function fail(message) {
  console.error(`validate.js: ${message}`);
  process.exit(1);
}

const [nodeModules, input, ...rest] = process.argv.slice(2);
if (!nodeModules || !input)
  fail("usage: validate.js NODE_MODULES SARIF|- [--min-KIND N]...");
const minimums = {};
for (let i = 0; i < rest.length; i += 2) {
  const m = /^--min-(results|suppressed|notifications|baselined|fixes|paths)$/.exec(rest[i]);
  const n = Number(rest[i + 1]);
  if (!m || !Number.isInteger(n)) fail(`bad option ${rest[i]} ${rest[i + 1]}`);
  minimums[m[1]] = n;
}

const load = (name) => require(path.join(nodeModules, name));
const Ajv2020 = load("ajv/dist/2020").default;
const addFormats = load("ajv-formats").default;
const schemaFile = path.join(nodeModules,
                             "@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
if (!/2020-12/.test(schema.$schema))
  fail(`expected a draft 2020-12 schema, got ${schema.$schema}`);

const text = fs.readFileSync(input === "-" ? 0 : input, "utf8");
let log;
try {
  log = JSON.parse(text);
} catch (e) {
  fail(`not JSON: ${e.message}`);
}

// strict: false because the schema uses "definitions" (a draft-07 habit)
// and annotations Ajv's strict mode would refuse; validation is unchanged.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (!validate(log)) {
  for (const e of validate.errors)
    console.error(`${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
  fail(`${validate.errors.length} schema error(s)`);
}

const run = log.runs[0];
const results = run.results || [];
const counts = {
  results: results.length,
  suppressed: results.filter((r) => (r.suppressions || []).length > 0).length,
  baselined: results.filter((r) => r.baselineState === "unchanged").length,
  fixes: results.filter((r) => (r.fixes || []).length > 0).length,
  // Attack paths: a code flow whose one thread visits every related location.
  paths: results.filter((r) => (r.codeFlows || []).length > 0 &&
                               r.codeFlows[0].threadFlows[0].locations.length ===
                                 (r.relatedLocations || []).length).length,
  notifications: ((run.invocations || [])[0] || {}).toolExecutionNotifications?.length || 0,
};
for (const [kind, min] of Object.entries(minimums))
  if (counts[kind] < min) fail(`${counts[kind]} ${kind}, expected at least ${min}`);
console.log(`valid SARIF 2.1.0: ${counts.results} results, ${counts.suppressed} suppressed, ` +
            `${counts.baselined} baselined, ${counts.notifications} notifications, ` +
            `${counts.fixes} with fixes, ${counts.paths} attack paths`);
