import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';

/**
 * The packaging check, offline: build the app (electron-vite), then let electron-builder lay out
 * the Linux app folder around a stand-in Electron binary (the real one cannot be downloaded
 * here). The stand-in carries Electron's fuse sentinel, so the fuses electron-builder.yml asks
 * for are really flipped and read back.
 */
const root = path.resolve(__dirname, '..', '..');
const work = tempDir('handoff-pack-');
const outDir = path.join(work, 'dist');
const appDir = path.join(outDir, 'linux-unpacked');
const asarFile = path.join(appDir, 'resources', 'app.asar');
let files: string[] = [];
let buildLog = '';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// @electron/fuses' wire states (its FuseState enum is not exported): ASCII '0' and '1'.
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 150_000 });
  buildLog += `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${buildLog.slice(-4000)}`);
}

beforeAll(() => {
  // electron-vite does not export its bin path; it sits at a fixed place in the package.
  run([
    path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
    '--logLevel',
    'warn',
  ]);
  const dist = path.join(work, 'electron-dist');
  fs.mkdirSync(dist);
  // Electron's default fuse wire (v1, 8 fuses): RunAsNode on, cookie encryption off, NODE_OPTIONS
  // on, --inspect on, asar integrity off, only-asar off, V8 snapshot off, file:// privileges on.
  fs.writeFileSync(
    path.join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging check"\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('10110001'),
    ]),
    { mode: 0o755 },
  );
  run([
    require.resolve('electron-builder/cli.js'),
    '--linux',
    '--dir',
    '-c.npmRebuild=false',
    `-c.electronDist=${dist}`,
    `-c.directories.output=${outDir}`,
  ]);
  files = asar.listPackage(asarFile, { isPack: false });
}, 180_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('packaging (electron-builder --dir, offline)', () => {
  it('the archive holds main (with the migrations), preload, renderer and package.json', () => {
    for (const f of [
      '/package.json',
      '/out/main/main.js',
      // The dispatch listener's, the dashboard's and the integrity check's worker threads.
      '/out/main/capacity-worker.cjs',
      '/out/main/report-worker.cjs',
      '/out/main/integrity-worker.cjs',
      '/out/preload/preload.js',
      // The recovery-key window's own preload (electron/recovery-window.ts).
      '/out/preload/recovery-preload.js',
      '/out/renderer/index.html',
    ])
      expect(files, f).toContain(f);
    expect(files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    const main = asar.extractFile(asarFile, 'out/main/main.js').toString('utf8');
    // Migrations are bundled into the main process, not shipped as source files.
    expect(main).toContain('CREATE TABLE encounters');
    expect(main).toContain('CREATE TABLE audit_log');
    expect(files.some((f) => f.includes('/db/migrations/'))).toBe(false);
  });

  it('no tests, sources, source maps or dev-only packages are shipped', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(
      files.filter((f) => /^\/(tests|renderer|server|core|db|electron|scripts)\//.test(f)),
    ).toEqual([]);
    expect(files.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    for (const dev of Object.keys(pkg.devDependencies)) {
      expect(
        files.some((f) => f.startsWith(`/node_modules/${dev}/`)),
        dev,
      ).toBe(false);
      expect(fs.existsSync(path.join(unpacked, dev)), dev).toBe(false);
    }
    for (const dep of ['electron-log', 'zod', 'better-sqlite3'])
      expect(
        files.some((f) => f.startsWith(`/node_modules/${dep}/`)),
        dep,
      ).toBe(true);
  });

  it('the SQLite driver sits outside the archive (native code cannot load from asar), without build leftovers', () => {
    const release = path.join(
      appDir,
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
    );
    expect(fs.readdirSync(release)).toEqual(['better_sqlite3.node']);
  });

  it('the fuses are flipped: no RunAsNode, NODE_OPTIONS or --inspect; app only from an integrity-checked asar', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'handoff'));
    const state = (o: FuseV1Options) => (wire as unknown as Record<number, number>)[o];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });

  it('nothing is published, and every electron-builder.yml fuse key is one electron-builder 26 knows', () => {
    expect(buildLog).not.toMatch(/publishing/i);
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^publish: null$/m);
    const scheme = JSON.parse(
      fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    const block = /^electronFuses:\n((?: {2}\w+: \w+\n)+)/m.exec(yml)![1]!;
    const keys = [...block.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const k of keys) expect(known, k).toContain(k);
  });
});
