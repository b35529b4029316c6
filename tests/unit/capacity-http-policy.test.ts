import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xmlEscape } from '../../server/capacity/edxl';
import { htmlEscape } from '../../server/capacity/page';
import {
  bearerToken,
  etagMatches,
  RateLimiter,
  routeOf,
  tokenMatches,
} from '../../server/capacity/http-policy';

describe('capacity listener policy', () => {
  it('routes only the documented paths', () => {
    expect(routeOf('/api/v1/capacity')?.route).toBe('json');
    expect(routeOf('/api/v1/capacity/')?.route).toBe('json');
    expect(routeOf('/api/v1/capacity.xml?x=1')?.route).toBe('xml');
    expect(routeOf('/healthz')?.route).toBe('health');
    expect(routeOf('/')?.route).toBe('page');
    expect(routeOf('/api/v1/capacity.json')?.route).toBeNull();
    expect(routeOf('/constructor')?.route).toBeNull();
    expect(routeOf('http://evil/')).toBeNull();
    expect(routeOf('*')).toBeNull();
    expect(routeOf(`/${'a'.repeat(3000)}`)).toBeNull();
  });

  it('matches ETags in lists, weak form and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", W/"a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });

  it('reads bearer tokens strictly and compares them whole', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('rate limits per client and refills over time', () => {
    const r = new RateLimiter(1);
    expect(r.take('a', 0)).toBe(0);
    expect(r.take('a', 10)).toBe(1);
    expect(r.take('b', 10)).toBe(0);
    expect(r.take('a', 1010)).toBe(0);
    const off = new RateLimiter(0);
    for (let i = 0; i < 100; i++) expect(off.take('a', 0)).toBe(0);
  });

  it('forgets the oldest clients beyond its bound', () => {
    const r = new RateLimiter(1, 2);
    r.take('a', 0);
    r.take('b', 0);
    r.take('c', 0); // "a" is forgotten: it gets a fresh bucket
    expect(r.take('a', 0)).toBe(0);
  });

  it('escapes any text so the XML still parses to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const xml = `<a>${xmlEscape(s)}</a>`;
        const parsed = new XMLParser({
          parseTagValue: false,
          trimValues: false,
          processEntities: true,
        }).parse(xml);
        // eslint-disable-next-line no-control-regex
        const expected = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(String(parsed.a ?? '')).toBe(expected);
      }),
    );
    expect(htmlEscape(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });
});
