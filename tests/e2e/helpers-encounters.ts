import type { Page } from '@playwright/test';

export async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Counts what the issue counts: each click, keyboard shortcut, or field typed into. */
export function counted(page: Page) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    async click(locator: ReturnType<Page['getByRole']>) {
      n++;
      await locator.click();
    },
    async type(locator: ReturnType<Page['getByRole']>, text: string) {
      n++;
      await locator.fill(text);
    },
    async select(locator: ReturnType<Page['getByRole']>, value: string) {
      n++;
      await locator.selectOption(value);
    },
    async shortcut(keys: string) {
      n++;
      await page.keyboard.press(keys);
    },
    /** One Tab press: moving to the next field is an interaction too. */
    async tab() {
      n++;
      await page.keyboard.press('Tab');
    },
    /** Typing into whatever has focus (reached by Tab): one interaction per field. */
    async typeFocused(text: string) {
      n++;
      await page.keyboard.type(text);
    },
  };
}

/** Calls the API as the signed-in page (arranging a test, not what is tested). */
export async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/call/${m as string}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Handoff-Request': '1' },
        body: JSON.stringify(i),
      });
      const r = (await res.json()) as { ok: boolean; value: unknown; error: unknown };
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}
