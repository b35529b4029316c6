import { z } from 'zod';
import { m } from '../messages';
import { id } from './common';

/** Another center's feed: an absolute http(s) URL without credentials (the token goes apart). */
export const regionPeerSchema = z
  .object({
    url: z
      .string({ error: m('regionUrlInvalid') })
      .trim()
      .min(1, m('required', { label: 'feedUrl' }))
      .max(2048, m('maxChars', { label: 'feedUrl', max: 2048 })),
    token: z
      .string()
      .trim()
      .max(500, m('maxChars', { label: 'token', max: 500 }))
      .optional()
      .transform((v) => (v ? v : null)),
    name: z
      .string()
      .trim()
      .max(80, m('maxChars', { label: 'name', max: 80 }))
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v.url);
    } catch {
      return ctx.addIssue({ code: 'custom', path: ['url'], message: m('regionUrlInvalid') });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return ctx.addIssue({ code: 'custom', path: ['url'], message: m('regionUrlInvalid') });
    if (url.username || url.password)
      ctx.addIssue({ code: 'custom', path: ['url'], message: m('webhookUrlCredentials') });
  });

export const regionIntervalSchema = z.object({
  intervalSeconds: z
    .number({ error: m('regionInterval') })
    .int(m('regionInterval'))
    .min(10, m('regionInterval'))
    .max(300, m('regionInterval')),
});

export const regionPeerIdInput = z.object({ id });
