/** What a test reads back from the stand-in Electron `app`: its event handlers, exits and folders. */
export interface FakeAppState {
  appEvents: Map<string, (...args: unknown[]) => unknown>;
  ready: null | (() => void);
  readyPromise: null | Promise<void>;
  exitCode: number | null;
  quitCalled: number;
  dirs: { userData: string; logs: string };
  /** Whether this is the only instance (default true). */
  singleInstance?: boolean;
  /** The operating system's language, as Electron reports it (default 'en-US'). */
  locale?: string;
}

/**
 * Electron's `app` for electron/main.ts under Node (the binary cannot run here): packaged, and
 * ready when the test calls `state.ready()`.
 */
export function fakeApp(state: FakeAppState) {
  state.readyPromise = new Promise<void>((r) => (state.ready = r));
  return {
    isPackaged: true,
    requestSingleInstanceLock: () => state.singleInstance ?? true,
    quit: () => state.quitCalled++,
    exit: (code: number) => (state.exitCode = code),
    on: (name: string, fn: (...args: unknown[]) => unknown) => state.appEvents.set(name, fn),
    whenReady: () => state.readyPromise,
    getPath: (name: 'userData' | 'logs') => state.dirs[name],
    getVersion: () => '9.9.9',
    getLocale: () => state.locale ?? 'en-US',
    getPreferredSystemLanguages: () => [state.locale ?? 'en-US'],
  };
}
