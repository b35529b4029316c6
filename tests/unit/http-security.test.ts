import { describe, expect, it } from 'vitest';
import {
  allowedHostSet,
  isAllowedHost,
  isLoopbackHost,
  isSameOrigin,
  parseCookies,
  safeJoin,
  statusForError,
} from '../../server/http/security';

describe('serve-mode request policy', () => {
  it('allows only our own host names (DNS rebinding)', () => {
    const allowed = allowedHostSet('127.0.0.1', 5870);
    expect(isAllowedHost('127.0.0.1:5870', allowed)).toBe(true);
    expect(isAllowedHost('localhost:5870', allowed)).toBe(true);
    expect(isAllowedHost('evil.example:5870', allowed)).toBe(false);
    expect(isAllowedHost('127.0.0.1:9999', allowed)).toBe(false);
    expect(isAllowedHost(undefined, allowed)).toBe(false);
    expect(
      isAllowedHost('intake-desk-2:5870', allowedHostSet('0.0.0.0', 5870, ['intake-desk-2'])),
    ).toBe(true);
  });

  it('recognises loopback addresses', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.5', 'example.org'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('same-origin check for state-changing calls', () => {
    expect(isSameOrigin(undefined, 'localhost:1')).toBe(true);
    expect(isSameOrigin('http://localhost:1', 'localhost:1')).toBe(true);
    expect(isSameOrigin('http://evil.example', 'localhost:1')).toBe(false);
    expect(isSameOrigin('null', 'localhost:1')).toBe(false);
  });

  it('keeps static paths inside the renderer folder', () => {
    expect(safeJoin('/srv/ui', '/assets/app.js')).toBe('/srv/ui/assets/app.js');
    expect(safeJoin('/srv/ui', '/')).toBe('/srv/ui');
    expect(safeJoin('/srv/ui', '/../etc/passwd')).toBeNull();
    expect(safeJoin('/srv/ui', '/%2e%2e/etc/passwd')).toBeNull();
    expect(safeJoin('/srv/ui', '/a/..%5c..%5cetc')).toBeNull();
    expect(safeJoin('/srv/ui', '/x%00.js')).toBeNull();
    expect(safeJoin('/srv/ui', '/%E0%A4%A')).toBeNull();
  });

  it('parses cookies and maps error codes to statuses', () => {
    expect(parseCookies('a=1; handoff_session=abc%3D; a=2')).toEqual({
      a: '1',
      handoff_session: 'abc=',
    });
    expect(statusForError('invalid_input')).toBe(400);
    expect(statusForError('unauthenticated')).toBe(401);
    expect(statusForError('forbidden')).toBe(403);
    expect(statusForError('conflict')).toBe(409);
    expect(statusForError('internal')).toBe(500);
  });
});
