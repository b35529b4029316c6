import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../core/messages';
import { ApiError, type ApiErrorBody } from '../../core/result';
import { createUserSchema, emptyInput, setupSchema } from '../../core/schemas/auth';
import { setManualStatusSchema } from '../../core/schemas/beds';
import { importBeginSchema } from '../../core/contract/interchange';
import { parseOrThrow } from '../../core/validation';
import { i18n, localizeError, translateMessage } from '../../renderer/i18n';

/** An error as the renderer receives it: the server's body, through JSON. */
function overTheWire(fn: () => unknown): ApiErrorBody {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return JSON.parse(JSON.stringify(err.toBody())) as ApiErrorBody;
    throw err;
  }
  throw new Error('expected an ApiError');
}

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error!.issues[0]!.message;

describe('coded messages in Spanish', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('es-US');
  });
  afterAll(async () => {
    await i18n.changeLanguage('en-US');
  });

  it('a server conflict: the bed label lands in the Spanish sentence, message and field', () => {
    const body = overTheWire(() => {
      const taken = msg('bedTaken', { bed: 'C3' });
      throw new ApiError('conflict', taken, { bedId: taken });
    });
    expect(body).toMatchObject({
      code: 'conflict',
      message: 'Bed C3 was just taken',
      key: 'bedTaken',
      params: { bed: 'C3' },
    });
    expect(localizeError(body)).toMatchObject({
      message: 'La cama C3 se acaba de ocupar',
      fields: { bedId: 'La cama C3 se acaba de ocupar' },
    });
  });

  it('an unknown key is quoted in part, by key, in Spanish too', () => {
    const body = overTheWire(() => parseOrThrow(emptyInput, { ['k'.repeat(20_000)]: 1 }));
    expect(body.key).toBe('unrecognizedKey');
    expect(JSON.stringify(body).length).toBeLessThan(1500);
    expect(localizeError(body).message).toBe(`Campo desconocido: "${'k'.repeat(60)}…"`);
  });

  it('a vocabulary value inside a server message is translated too (state words, plurals)', () => {
    const busy = overTheWire(() => {
      throw new ApiError('conflict', msg('bedIs', { bed: 'A2', bedStatus: 'out_of_service' }));
    });
    expect(busy.message).toBe('Bed A2 is out of service');
    expect(localizeError(busy).message).toBe('La cama A2 está fuera de servicio');
    const locked = (count: number) =>
      localizeError(
        overTheWire(() => {
          throw new ApiError('locked', msg('lockedAccount', { count }));
        }),
      ).message;
    expect(locked(1)).toContain('en 1 minuto o pida');
    expect(locked(15)).toContain('en 15 minutos o pida');
    const closed = new ApiError('conflict', msg('encounterClosedNoBed', { status: 'lapsed' }));
    expect(closed.message).toBe('That person is lapsed; no bed can be assigned.');
    expect(localizeError(closed.toBody()).message).toBe(
      'Ese encuentro está vencido (no llegó); no se le puede asignar cama.',
    );
  });

  it('a zod too_small: the form shows it in Spanish with the number, the server field too', () => {
    const input = { displayName: 'Ana', username: 'a', role: 'intake', password: 'x'.repeat(12) };
    const english = firstIssue(createUserSchema.safeParse(input));
    expect(english).toBe('Username must be at least 2 characters');
    expect(translateMessage(english)).toBe('El nombre de usuario debe tener al menos 2 caracteres');
    const body = overTheWire(() => parseOrThrow(createUserSchema, input));
    expect(body.fields).toEqual({ username: 'Username must be at least 2 characters' });
    expect(body.message).toBe('username: Username must be at least 2 characters');
    expect(localizeError(body)).toMatchObject({
      message: 'El nombre de usuario debe tener al menos 2 caracteres',
      fields: { username: 'El nombre de usuario debe tener al menos 2 caracteres' },
    });
  });

  it('a field named in a shared rule reads naturally ("Escriba el nombre del centro")', () => {
    const r = setupSchema.safeParse({
      facility: { name: ' ', timeZone: 'America/Phoenix' },
      admin: { displayName: 'A', username: 'admin', password: 'x'.repeat(12) },
    });
    expect(firstIssue(r)).toBe('Facility name is required');
    expect(translateMessage(firstIssue(r))).toBe('Escriba el nombre del centro');
    const long = setupSchema.safeParse({
      facility: { name: 'x'.repeat(121), timeZone: 'America/Phoenix' },
      admin: { displayName: 'A', username: 'admin', password: 'x'.repeat(12) },
    });
    expect(translateMessage(firstIssue(long))).toBe(
      'Como máximo 120 caracteres para el nombre del centro',
    );
  });

  it('a custom schema rule with a param (why the center is diverting)', () => {
    const english = firstIssue(setManualStatusSchema.safeParse({ status: 'diverting' }));
    expect(english).toBe('Say why the center is diverting (dispatch sees it)');
    expect(translateMessage(english)).toBe(
      'Explique por qué el centro está desviando (despacho lo ve)',
    );
  });

  it("zod's own messages (no message of ours) come from zod's Spanish locale", () => {
    const english = firstIssue(importBeginSchema.safeParse({ name: 'a.csv', size: -5 }));
    expect(english).toMatch(/^Demasiado pequeño/);
  });

  it('falls back to the English text: unknown key, no key at all, or English on screen', () => {
    const unknown: ApiErrorBody = {
      code: 'conflict',
      message: 'Something new from a newer server.',
      key: 'notAKeyWeKnow',
      params: { x: 1 },
    };
    expect(localizeError(unknown).message).toBe('Something new from a newer server.');
    expect(translateMessage('Free text from a handler.')).toBe('Free text from a handler.');
  });
});

describe('English on screen', () => {
  it('shows the server English exactly as sent', () => {
    expect(i18n.language).toBe('en-US');
    const body = new ApiError('conflict', msg('bedTaken', { bed: 'C3' })).toBody();
    expect(localizeError(body).message).toBe('Bed C3 was just taken');
    expect(translateMessage('Username must be at least 2 characters')).toBe(
      'Username must be at least 2 characters',
    );
  });
});

describe('counts with a noun', () => {
  afterAll(async () => {
    await i18n.changeLanguage('en-US');
  });
  it('agree with the number in each language, formatted with its separators', async () => {
    const found = (count: number) => i18n.t('encounters.found', { count, more: '' });
    await i18n.changeLanguage('en-US');
    expect([found(0), found(1), found(1234)]).toEqual([
      '0 encounters',
      '1 encounter',
      '1,234 encounters',
    ]);
    await i18n.changeLanguage('es-US');
    expect([found(0), found(1), found(1234), found(1_000_000)]).toEqual([
      '0 casos',
      '1 caso',
      '1,234 casos',
      '1,000,000 de casos',
    ]);
    expect(i18n.t('board.unitAvailable', { count: 1 })).toBe('1 disponible');
  });
});

describe('the shared schemas', () => {
  it('write every message with m(key): no bare English string a translation cannot find', () => {
    const dir = path.resolve(__dirname, '../../core/schemas');
    const bare =
      /(error: |\.(min|max|int|regex|refine|positive|length)\([^)]*, )['`"]|message: ['`"]|errors\.\w+ = ['`"]/;
    const found = fs.readdirSync(dir).flatMap((f) =>
      fs
        .readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .map((line, i) => `${f}:${i + 1}: ${line.trim()}`)
        .filter((l) => bare.test(l)),
    );
    expect(found).toEqual([]);
  });
});
