import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMainLog, logText, rotateLogFiles } from '../../electron/logging';
import { tempDir } from '../helpers/backend';

describe('main-process log', () => {
  it('writes our messages and error texts, never the objects passed along (no PHI)', () => {
    const dir = tempDir();
    const log = createMainLog(dir);
    const person = { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-02-03' };
    log.info('handoff accepted');
    log.error('method encounters.create failed', person);
    const err = Object.assign(new Error('UNIQUE constraint failed: encounters.reference'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    log.error('method encounters.create failed', err);
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).toContain('handoff accepted');
    expect(text).toContain('[object omitted]');
    expect(text).toContain('Error [SQLITE_CONSTRAINT_UNIQUE]: UNIQUE constraint failed');
    expect(text).not.toMatch(/Jane|Doe|1990-02-03/);
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an error text is bounded: long messages cut, stack frames only', () => {
    const e = new Error('x'.repeat(5000));
    const t = logText(e);
    expect(t.length).toBeLessThan(3000);
    expect(
      t
        .split('\n')
        .slice(1)
        .every((l) => /^\s+at /.test(l)),
    ).toBe(true);
  });

  it('rotation keeps main.log plus five older files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(file, `generation ${i}`);
      rotateLogFiles(file);
    }
    expect(fs.readdirSync(dir).sort()).toEqual([
      'main.1.log',
      'main.2.log',
      'main.3.log',
      'main.4.log',
      'main.5.log',
    ]);
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('generation 7');
    expect(fs.readFileSync(path.join(dir, 'main.5.log'), 'utf8')).toBe('generation 3');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
