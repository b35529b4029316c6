import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from './serve';

export interface DemoServe {
  /** The current test's server: read its fields inside a test, not when the spec loads. */
  serve: ServeProcess;
  /** Signs in on the sign-in page and checks the signed-in shell is up. */
  signIn(page: Page, username: string, password: string): Promise<void>;
  /** Submits the sign-in form only, for specs that check what comes next themselves. */
  submitSignIn(page: Page, username: string, password: string): Promise<void>;
}

/** Registers the hooks that give each test of a spec its own `handoff serve --demo`. */
export function useDemoServe(): DemoServe {
  let current: ServeProcess | undefined;
  const now = (): ServeProcess => {
    if (!current) throw new Error('The demo server runs only while a test does');
    return current;
  };
  test.beforeEach(async () => {
    current = await startServe(['--demo']);
  });
  test.afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  const serve: ServeProcess = {
    get url() {
      return now().url;
    },
    get capacityUrl() {
      return now().capacityUrl;
    },
    get dataDir() {
      return now().dataDir;
    },
    get child() {
      return now().child;
    },
    output: () => now().output(),
    stop: () => now().stop(),
  };
  const submitSignIn = async (page: Page, username: string, password: string) => {
    await page.goto(serve.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  return {
    serve,
    submitSignIn,
    async signIn(page, username, password) {
      await submitSignIn(page, username, password);
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    },
  };
}
