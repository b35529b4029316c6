import { z } from 'zod';
import { m } from '../messages';
import { id } from './common';

/** Loopback receivers may use plain http (a relay on the dispatch PC itself). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The receiver's URL: absolute http(s), no credentials; plain http only where allowed. */
export const webhookAddSchema = z
  .object({
    url: z
      .string({ error: m('webhookUrlInvalid') })
      .trim()
      .min(1, m('required', { label: 'webhookUrl' }))
      .max(2048, m('maxChars', { label: 'webhookUrl', max: 2048 })),
    allowHttp: z.boolean().optional().default(false),
  })
  .superRefine((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v.url);
    } catch {
      return ctx.addIssue({ code: 'custom', path: ['url'], message: m('webhookUrlInvalid') });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return ctx.addIssue({ code: 'custom', path: ['url'], message: m('webhookUrlInvalid') });
    if (url.username || url.password || /(^|[?&])(token|key|secret|password)=/i.test(url.search))
      return ctx.addIssue({ code: 'custom', path: ['url'], message: m('webhookUrlCredentials') });
    if (url.protocol === 'http:' && !v.allowHttp && !isLoopbackHost(url.hostname))
      ctx.addIssue({ code: 'custom', path: ['url'], message: m('webhookUrlHttps') });
  });

export const webhookIdInput = z.object({ id });
export const webhookPauseInput = z.object({ id, paused: z.boolean() });
