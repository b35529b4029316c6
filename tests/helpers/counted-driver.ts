import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 module as `vi.mock`'s importOriginal gives it. */
export interface DriverModule {
  default: typeof BetterSqlite3;
}

/**
 * better-sqlite3 unchanged, except that each connection's file name is pushed to `into`: for a
 * `vi.mock('better-sqlite3', …)` factory, so a test counts how often a file is opened.
 */
export function countedDriver(driver: DriverModule, into: string[]): DriverModule {
  const counted = new Proxy(driver.default, {
    construct(target, args: ConstructorParameters<typeof BetterSqlite3>) {
      into.push(String(args[0]));
      return Reflect.construct(target, args) as object;
    },
  });
  return { ...driver, default: counted };
}
