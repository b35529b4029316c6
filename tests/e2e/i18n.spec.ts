import { expect, test } from '@playwright/test';
import { seriousViolationIds } from '../helpers/axe';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

const SPANISH_MONTHS =
  /(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)/;
const SPANISH_DAYS = /(lunes|martes|miércoles|jueves|viernes|sábado|domingo)/;

test('a desk switches to Spanish: board and handoff in Spanish, remembered after reload, dates in Spanish', async ({
  page,
}) => {
  await page.goto(serve.url);
  // English by default (Chromium here reports en-US).
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await page.getByLabel('Username').fill('intake');
  await page.getByLabel('Password').fill('demo-intake-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();

  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Español' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-US');
  await expect(page.getByRole('heading', { name: 'Tablero', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Capacidad:/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cama C1, ocupada' })).toContainText('JR');
  await expect(page.getByRole('button', { name: 'Pantalla de pared' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  // Vocabulary values stay contract; their labels are translated.
  await expect(page.getByRole('region', { name: /Recliners/ })).toContainText(
    'Sillón reclinable de 23 horas',
  );

  await page.getByRole('link', { name: 'Entrega' }).click();
  await expect(page.getByRole('heading', { name: 'Entrega en persona', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Origen de la referencia')).toBeVisible();
  await expect(page.getByLabel('Nombre del oficial')).toBeVisible();
  // The demo's officer who brought someone without a name: "unknown" in Spanish too.
  const waiting = page.getByRole('region', { name: /Oficiales esperando/ });
  await expect(waiting.getByRole('row', { name: /Rosa Medina/ })).toContainText('Desconocido');
  await expect(waiting).not.toContainText('Unknown');
  // The three columns of the form stay side by side: no column runs under the next.
  const person = await page.locator('fieldset', { hasText: 'La persona' }).first().boundingBox();
  const triage = await page.locator('fieldset', { hasText: 'Triaje' }).first().boundingBox();
  expect(person!.x + person!.width).toBeLessThanOrEqual(triage!.x);
  // Longer Spanish labels still pass the accessibility check (names, contrast, lang).
  expect(await seriousViolationIds(page)).toEqual([]);
  await expect(page.getByRole('button', { name: 'Aceptar entrega' })).toBeVisible();
  await expect(page.getByLabel('Origen de la referencia').locator('option:checked')).toHaveText(
    'Policía / fuerzas del orden',
  );

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-US');
  await expect(page.getByRole('heading', { name: 'Entrega en persona', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Idioma', { exact: true })).toHaveValue('es-US');

  // Dates: the day and month names and their order follow the language.
  await page.getByRole('link', { name: 'Hoy' }).click();
  const today = page.locator('main p.muted').first();
  await expect(today).toContainText(SPANISH_DAYS);
  await expect(today).toContainText(SPANISH_MONTHS);
  await expect(today).toContainText(' de ');
  await page.getByRole('link', { name: 'Tablero' }).click();
  await page.getByRole('button', { name: 'Cama C1, ocupada' }).click();
  await expect(page.getByRole('heading', { name: 'Historial' })).toBeVisible();
  await expect(page.locator('.bed-history li').first()).toContainText(/\d{1,2} de [a-z]{3}/);

  // And back to English.
  await page.getByLabel('Idioma', { exact: true }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
});

test('in Spanish, a form error and a server error are in Spanish (no English leaks)', async ({
  page,
}) => {
  await page.goto(serve.url);
  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Español' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-US');

  // A server error (wrong password): translated from its key, not shown in English.
  await page.getByLabel('Usuario', { exact: true }).fill('admin');
  await page.getByLabel('Contraseña', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');

  await page.getByLabel('Contraseña', { exact: true }).fill('demo-admin-password');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('heading', { name: 'Tablero', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Usuarios' }).click();
  await expect(page.getByRole('heading', { name: 'Usuarios', level: 1 })).toBeVisible();

  // The shared schema's message, checked in the browser, under its field.
  const username = page.getByLabel('Usuario', { exact: true });
  await page.getByLabel('Nombre completo').fill('Ana Ruiz');
  await username.fill('a');
  await page.getByLabel('Contraseña inicial').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Agregar usuario' }).click();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText('El nombre de usuario debe tener al menos 2 caracteres'),
  ).toBeVisible();

  // A server conflict: the field error and the form's message, both in Spanish.
  await username.fill('intake');
  await page.getByRole('button', { name: 'Agregar usuario' }).click();
  await expect(
    page.getByText('Este nombre de usuario ya está en uso', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('El nombre de usuario intake ya está en uso.')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/is taken|must be at least/);
});
