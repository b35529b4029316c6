// Builds better-sqlite3 for Electron's ABI into out/native/ WITHOUT touching node_modules,
// whose copy stays built for Node (tests, serve mode). Prints the path of the binary.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const dest = path.join(root, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');

export function electronNativeBinding() {
  if (fs.existsSync(dest)) return dest;
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(root, 'out', 'native', 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(src, work, {
    recursive: true,
    filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`),
  });
  const run = (cmd, args) =>
    execFileSync(cmd, args, {
      cwd: work,
      stdio: 'inherit',
      env: {
        ...process.env,
        npm_config_runtime: 'electron',
        npm_config_target: electronVersion,
        npm_config_disturl: 'https://electronjs.org/headers',
      },
    });
  process.stderr.write(`Building better-sqlite3 for Electron ${electronVersion} (once)…\n`);
  try {
    try {
      // A prebuilt binary for Electron's ABI, when the network allows…
      run(process.execPath, [
        require.resolve('prebuild-install/bin.js', { paths: [src] }),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
      ]);
    } catch {
      // …otherwise compiled here (needs Electron's headers and a C++ toolchain).
      run(process.execPath, [
        require.resolve('node-gyp/bin/node-gyp.js'),
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ]);
    }
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), dest);
  } catch (err) {
    throw new NativeBuildError(
      `Could not build better-sqlite3 for Electron ${electronVersion} (no prebuilt binary could be downloaded and compiling failed; see above). node_modules was not changed.`,
      { cause: err },
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dest;
}

export class NativeBuildError extends Error {}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  try {
    process.stdout.write(`${electronNativeBinding()}\n`);
  } catch (err) {
    if (!(err instanceof NativeBuildError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
