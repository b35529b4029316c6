import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The real `node scripts/test-browser.mjs` (what `npm test` runs before the browser tests) with a
 * CHROMIUM_PATH it must refuse: one line on stdout saying what is wrong, a failing exit, no stack
 * trace, and nothing written (a refused path never reaches the installs).
 */
const root = path.resolve(__dirname, '..', '..');
const choiceFile = path.join(root, 'out', 'test-browser.json');

function provide(chromiumPath: string) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'test-browser.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CHROMIUM_PATH: chromiumPath },
  });
}

const choice = () => (fs.existsSync(choiceFile) ? fs.readFileSync(choiceFile, 'utf8') : null);

describe('npm test refuses a CHROMIUM_PATH that is not a browser, in one line', () => {
  it('a path that does not exist', () => {
    const before = choice();
    const r = provide(path.join(root, 'no-such-browser'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      `CHROMIUM_PATH is ${path.join(root, 'no-such-browser')}, which does not exist: set it to a Chromium, Chrome or Edge executable, or unset it to let npm test find or install one.`,
    ]);
    expect(choice()).toBe(before);
  });

  it('a program that is not a Chromium-family browser (node itself)', () => {
    const before = choice();
    const r = provide(process.execPath);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `CHROMIUM_PATH is ${process.execPath}, which is not a Chromium-family browser (it answered "${process.version}" to --version)`,
    );
    expect(choice()).toBe(before);
  });
});
