import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedHook {
  at: number;
  id: string;
  body: Record<string, unknown>;
  raw: string;
  /** Verified with the `standardwebhooks` package against the secret given at that time. */
  verified: boolean;
}

export type ReceiverMode = 'ok' | 'fail500' | 'hang' | 'redirect';

/**
 * A dispatch system's webhook endpoint on 127.0.0.1: it verifies every signature with the
 * reference `standardwebhooks` verifier, and can be told to fail, hang or redirect.
 */
export async function startWebhookReceiver(port = 0) {
  const got: ReceivedHook[] = [];
  let secret: string | null = null;
  let mode: ReceiverMode = 'ok';
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      let verified = false;
      try {
        if (secret) new Webhook(secret).verify(raw, req.headers as Record<string, string>);
        verified = secret !== null;
      } catch {
        verified = false;
      }
      got.push({
        at: Date.now(),
        id: String(req.headers['webhook-id']),
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
        verified,
      });
      if (mode === 'hang') return void hanging.add(res);
      if (mode === 'fail500') return void res.writeHead(500).end('no');
      if (mode === 'redirect')
        return void res.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere' }).end();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hooks/capacity`,
    port: address.port,
    got,
    setSecret: (s: string) => (secret = s),
    setMode: (m: ReceiverMode) => (mode = m),
    release() {
      for (const r of hanging) r.writeHead(204).end();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
