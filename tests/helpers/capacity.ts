import http from 'node:http';
import net from 'node:net';
import type { Database } from 'better-sqlite3';
import type { UserRow } from '../../db/users';
import {
  startCapacityEndpoint,
  type CapacityEndpointOptions,
  type RunningCapacityEndpoint,
} from '../../server/capacity/endpoint';
import { startCapacityMonitor, type CapacityMonitor } from '../../server/capacity/monitor';
import { startDispatchSharing, type DispatchSharing } from '../../server/capacity/sharing';
import { nextSnapshot } from '../../server/capacity/snapshot';
import { refreshCapacity } from '../../server/capacity/state';
import type { TestBackend } from './backend';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with full control (method, headers, local address), body read as text. */
export function request(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    localAddress?: string;
    body?: string;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        localAddress: opts.localAddress,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Sends raw bytes and returns whatever comes back before the server closes (or `waitMs`). */
export function rawExchange(port: number, data: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    const done = () => {
      socket.destroy();
      resolve(out);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (c) => (out += c.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', () => undefined);
    socket.write(data);
  });
}

/** Distinctive made-up people and officers: none of these strings may ever reach dispatch. */
export const SECRET_STRINGS = [
  'Zebulon',
  'Quixotic-Vandermeer',
  '1977-07-07',
  'Gotham Metro PD',
  'Xanthippe',
  'B-99731',
  'involuntary_hold',
  'Hyacinth',
  'Bucket-Smythe',
];

export function seedPeople(db: Database, now: number): { police: number; walkIn: number } {
  const insert = db.prepare(
    `INSERT INTO encounters (reference, status, referral_source, agency, officer_name, badge_number,
       first_name, last_name, date_of_birth, legal_status, arrived_at, created_at, updated_at)
     VALUES (@ref, 'arrived', @src, @agency, @officer, @badge, @first, @last, @dob, @legal, @at, @at, @at)`,
  );
  const police = Number(
    insert.run({
      ref: 'SECRET-1',
      src: 'law_enforcement',
      agency: 'Gotham Metro PD',
      officer: 'Ofc. Xanthippe Marlowe',
      badge: 'B-99731',
      first: 'Zebulon',
      last: 'Quixotic-Vandermeer',
      dob: '1977-07-07',
      legal: 'involuntary_hold',
      at: now - 123_457,
    }).lastInsertRowid,
  );
  const walkIn = Number(
    insert.run({
      ref: 'SECRET-2',
      src: 'walk_in',
      agency: null,
      officer: null,
      badge: null,
      first: 'Hyacinth',
      last: 'Bucket-Smythe',
      dob: null,
      legal: 'voluntary',
      at: now - 7_654_321,
    }).lastInsertRowid,
  );
  return { police, walkIn };
}

export interface CapacityRig {
  monitor: CapacityMonitor;
  sharing: DispatchSharing;
  url: string;
  base: string;
  port: number;
  stop(): Promise<void>;
}

/** The real sharing stack on a test backend: monitor + snapshot + listener on 127.0.0.1:0. */
export async function startCapacityRig(t: TestBackend, rateLimit = 0): Promise<CapacityRig> {
  const monitor = startCapacityMonitor(t);
  const sharing = await startDispatchSharing(t, monitor, { host: '127.0.0.1', port: 0, rateLimit });
  const url = sharing.status().url!;
  return {
    monitor,
    sharing,
    url,
    base: new URL('/', url).toString().replace(/\/$/, ''),
    port: Number(new URL(url).port),
    async stop() {
      await sharing.stop();
      monitor.stop();
    },
  };
}

/**
 * The endpoint alone (no monitor or sharing stack) on 127.0.0.1:0, open and unthrottled, serving
 * the backend's capacity as it is now; tests add the limits they watch.
 */
export function startFrozenEndpoint(
  t: TestBackend,
  options: Partial<CapacityEndpointOptions> = {},
): Promise<RunningCapacityEndpoint> {
  refreshCapacity(t.db, t.clock.now());
  const snap = nextSnapshot(t.db, t.clock.now(), null);
  return startCapacityEndpoint({
    host: '127.0.0.1',
    port: 0,
    token: null,
    rateLimit: 0,
    snapshot: () => snap,
    ...options,
  });
}

export type { UserRow };
