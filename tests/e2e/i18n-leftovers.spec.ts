import { expect, test } from '@playwright/test';
import type { BoardView } from '../../core/beds/types';
import type { EncounterView } from '../../core/encounters/types';
import { call, signIn } from './helpers-encounters';
import { useDemoServe } from '../helpers/demo-serve';

const { serve } = useDemoServe();

test('Spanish: bed reasons the server writes, a half-known name and initials have no English left', async ({
  page,
}) => {
  await signIn(page, serve.url, 'intake', 'demo-intake-password');
  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Español' });
  await expect(page.getByRole('heading', { name: 'Tablero', level: 1 })).toBeVisible();

  // Okafor (no first name) is taken in, put in a free bed and discharged: the bed goes to
  // cleaning "because discharged", a reason the server wrote.
  const board = await call<BoardView>(page, 'beds.board', {});
  const free = board.units.flatMap((u) => u.beds).find((b) => b.status === 'available')!;
  const okafor = await call<EncounterView>(page, 'encounters.create', {
    referralSource: 'law_enforcement',
    agency: 'Metro PD',
    lastName: 'Okafor',
    accept: true,
    capacityReason: 'prueba',
  });
  await call(page, 'encounters.assignBed', { id: okafor.id, bedId: free.id });
  await call(page, 'encounters.discharge', {
    id: okafor.id,
    disposition: 'shelter',
    followUp: { consent: 'no' },
  });
  // An officer waiting with someone known only as Williams.
  await call(page, 'encounters.create', {
    referralSource: 'law_enforcement',
    agency: 'Metro PD',
    lastName: 'Williams',
    capacityReason: 'prueba',
  });

  const main = page.locator('main');
  // The demo's held recliner (pre-arrival call) and the discharged bed, in Spanish.
  await expect(main).toContainText('llegada prevista');
  const bed = page.getByRole('button', { name: `Cama ${free.label}, en limpieza` });
  await expect(bed).toContainText('dado de alta');
  await bed.click();
  await expect(page.locator('.bed-history')).toContainText('(dado de alta)');
  await expect(main).not.toContainText(/expected arrival|discharged/);

  // The officers waiting: initials of what is known, no "?" placeholder.
  await page.getByRole('link', { name: 'Entrega' }).click();
  const waiting = page.getByRole('region', { name: /Oficiales esperando/ });
  const williams = waiting.getByRole('row').filter({ hasText: 'Metro PD' });
  await expect(williams.getByRole('cell').nth(3)).toHaveText('W');
  await expect(waiting).not.toContainText('?W');

  // Lists and the person's page: "Okafor, Desconocido", never "Unknown".
  await page.getByRole('link', { name: 'Casos' }).click();
  await page.getByLabel('Nombre o referencia').fill('Okafor');
  await page.getByRole('button', { name: 'Buscar' }).click();
  const row = page.getByRole('row', { name: new RegExp(okafor.reference) });
  await expect(row).toContainText('Okafor, Desconocido');
  await expect(page.locator('main')).not.toContainText('Unknown');
  await row.getByRole('link', { name: okafor.reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Okafor, Desconocido');
  await expect(page.locator('main')).not.toContainText('Unknown');
});
