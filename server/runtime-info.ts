import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context';
import { projectRoot } from './paths';

/** What the shell (Electron or serve) tells the backend about itself: for About and restores. */
export interface RuntimeInfo {
  shell: 'desktop' | 'serve';
  version: string;
  logFolder: string | null;
  /** better-sqlite3 built for Electron's ABI (development only). */
  nativeBinding?: string;
}

const infos = new WeakMap<AppContext, RuntimeInfo>();

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function setRuntimeInfo(app: AppContext, info: Partial<RuntimeInfo>): void {
  infos.set(app, { ...runtimeInfo(app), ...info });
}

export function runtimeInfo(app: AppContext): RuntimeInfo {
  return infos.get(app) ?? { shell: 'serve', version: packageVersion(), logFolder: null };
}
