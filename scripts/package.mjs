// `npm run package [-- electron-builder args]`: installers for this OS into dist/.
// electron-builder rebuilds better-sqlite3 *in node_modules* for Electron's ABI; that build would
// break `npm test` and serve mode (Node's ABI). So the Node build is set aside first and put back
// afterwards, whatever happens.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const release = path.join(
  path.dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
);
const nodeBuild = path.join(release, 'better_sqlite3.node');
const saved = path.join(root, 'out', 'native', 'node-build', 'better_sqlite3.node');

const run = (file, args) => {
  const r = spawnSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
};

fs.mkdirSync(path.dirname(saved), { recursive: true });
fs.copyFileSync(nodeBuild, saved);
let status = 1;
try {
  status = run(path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), [
    'build',
  ]);
  if (status === 0) status = run(require.resolve('electron-builder/cli.js'), process.argv.slice(2));
} finally {
  fs.copyFileSync(saved, nodeBuild);
  console.log('better-sqlite3 in node_modules is the Node build again (npm test keeps working).');
}
process.exit(status);
