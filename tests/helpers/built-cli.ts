import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildCli } from './cli-build';
import type { ServeProcess } from './serve';

export interface BuiltCli {
  /** The CLI built for this describe block, set before its first test. */
  cli: string;
  /** The `handoff serve` a test started from it, if still running: stopped after the block. */
  serve: ServeProcess | null;
}

/** Registers hooks that build the CLI once for a describe block and clean it up afterwards. */
export function useBuiltCli(): BuiltCli {
  const b: BuiltCli = { cli: '', serve: null };
  beforeAll(async () => {
    b.cli = await buildCli();
  }, 60_000);
  afterAll(async () => {
    await b.serve?.stop();
    fs.rmSync(path.dirname(b.cli), { recursive: true, force: true });
  });
  return b;
}
