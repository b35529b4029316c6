#!/usr/bin/env node
// The `handoff` command: runs the bundled CLI (built by `npm run build:cli`).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'cli', 'handoff.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('handoff: the command-line tool is not built yet. Run: npm run build:cli\n');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
