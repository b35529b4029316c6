// `npm start`: the Electron window when Electron is installed; otherwise (e.g. a hospital network
// that blocks the Electron download) serve mode on loopback, so the job always runs.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const run = (cmd, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code) => resolve(code ?? 1));
  });

let electronPath = null;
try {
  // Requiring electron downloads its binary on first use where the network allows it.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) electronPath = probe.stdout.trim();
} catch {
  electronPath = null;
}

async function serveInstead(reason) {
  console.log(
    `${reason}; starting Handoff in serve mode on this computer only — open the URL below in a browser.`,
  );
  const build = spawnSync('npm', ['run', 'build:cli', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  process.exit(
    await run(process.execPath, ['out/cli/handoff.cjs', 'serve', ...process.argv.slice(2)]),
  );
}

if (!electronPath)
  await serveInstead('Electron is not available on this machine (its download failed)');

const { electronNativeBinding, NativeBuildError } = await import('./electron-native.mjs');
let binding;
try {
  binding = electronNativeBinding();
} catch (err) {
  if (!(err instanceof NativeBuildError)) throw err;
  console.error(err.message);
  await serveInstead('The desktop window needs that driver');
}
// electron-vite does not export its bin path (require.resolve refuses it): use its fixed place.
const vite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
process.exit(await run(process.execPath, [vite, 'preview'], { HANDOFF_NATIVE_BINDING: binding }));
