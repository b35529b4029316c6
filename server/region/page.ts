import { createHash } from 'node:crypto';
import type { RegionCenter, RegionView } from '../../core/region/types';
import { UNIT_KIND_LABELS } from '../../core/vocab';
import { htmlEscape } from '../capacity/page';

export const REGION_REFRESH_SECONDS = 30;

/**
 * Live: the region's event stream says when anything changed, and the page fetches its own
 * newest markup (the server stays the only renderer). The 30 s reload is the fallback for when
 * the stream is not open (an old browser, a proxy that buffers).
 */
const SCRIPT = `(function(){var c=document.getElementById('auto');var cur=document.body.getAttribute('data-id');var es=null;function ago(){document.querySelectorAll('[data-at]').forEach(function(e){var n=Math.max(0,Math.floor((Date.now()-Date.parse(e.getAttribute('data-at')))/60000));e.textContent=n<1?'just now':n<60?n+' min ago':Math.floor(n/60)+' h '+(n%60)+' min ago'})}var t;function s(){clearTimeout(t);if(c.checked)t=setTimeout(function(){if(es&&es.readyState===1)s();else location.reload()},${REGION_REFRESH_SECONDS * 1000})}function swap(h){var d=new DOMParser().parseFromString(h,'text/html');var m=d.querySelector('main');if(!m)return;var on=c.checked;document.querySelector('main').replaceWith(m);document.title=d.title;c=document.getElementById('auto');c.checked=on;c.addEventListener('change',s);ago()}if(window.EventSource){var q=new URLSearchParams(location.search).get('token');es=new EventSource('/api/v1/region/events'+(q?'?token='+encodeURIComponent(q):''));es.addEventListener('region',function(e){if(e.lastEventId===cur)return;cur=e.lastEventId;fetch(location.href,{cache:'no-store'}).then(function(r){return r.ok?r.text():''}).then(function(h){if(h)swap(h)})})}c.addEventListener('change',s);s();ago();setInterval(ago,30000)})();`;

export const REGION_PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; connect-src 'self'; frame-ancestors 'none'`;

const WORDS = {
  open: 'OPEN',
  limited: 'LIMITED',
  full: 'FULL',
  diverting: 'DIVERTING',
  closed: 'CLOSED',
};

const STYLE = `body{margin:0;background:#fff;color:#111;font:clamp(18px,2vw,26px)/1.35 system-ui,sans-serif}
main{max-width:80rem;margin:0 auto;padding:1rem}h1{font-size:1.4em;margin:.2em 0}
.center{border-left:.5em solid #888;padding:.3em .8em;margin:.6em 0;background:#f6f7f9}
.center h2{margin:0;font-size:1.2em}.st{font-weight:800}
.open{border-color:#1a7f37}.limited{border-color:#9a6700}.full,.diverting,.closed{border-color:#b42318}
.down,.stale{border-color:#6b7280;background:#fff4e5}.warn{color:#8a4b00;font-weight:700}
.small{font-size:.75em;color:#444}ul{margin:.2em 0;padding-left:1.2em}
@media (prefers-color-scheme:dark){body{background:#0f1317;color:#e6edf3}.center{background:#1b2128}.down,.stale{background:#3b2300}.small{color:#9aa5b1}.warn{color:#ffb86b}}`;

function kinds(c: NonNullable<RegionCenter['capacity']>): string {
  const by = new Map<string, { a: number; t: number }>();
  for (const u of c.units) {
    const k = by.get(u.kind) ?? { a: 0, t: 0 };
    k.a += u.available;
    k.t += u.total;
    by.set(u.kind, k);
  }
  return [...by]
    .map(
      ([k, v]) =>
        `${htmlEscape(UNIT_KIND_LABELS[k as keyof typeof UNIT_KIND_LABELS] ?? k)}: <strong>${v.a}</strong> of ${v.t}`,
    )
    .join(' · ');
}

function who(c: NonNullable<RegionCenter['capacity']>): string {
  const a = c.accepts;
  const list = [
    a.adults && 'adults',
    a.youth && 'youth',
    a.involuntaryHolds && 'involuntary holds',
    a.intoxicated && 'intoxicated people',
  ].filter(Boolean);
  return `${list.length ? list.join(', ') : 'not stated'}${a.medicalClearanceRequired ? ' (medical clearance first)' : ''}`;
}

function centerBlock(c: RegionCenter, timeZone: string): string {
  const e = htmlEscape;
  const cap = c.capacity;
  const since = c.fetchedAt
    ? `<span data-at="${e(c.fetchedAt)}">${e(c.fetchedAt)}</span>`
    : 'never';
  if (!c.reachable || !cap) {
    const time = c.fetchedAt
      ? new Intl.DateTimeFormat('en-US', { timeZone, timeStyle: 'short' }).format(
          new Date(c.fetchedAt),
        )
      : null;
    return `<section class="center down"><h2>${e(c.name)}</h2><p class="warn">UNREACHABLE${time ? ` since ${e(time)}` : ''}: ${e(c.error ?? 'no answer')}</p>${cap ? `<p class="small">Last known: ${WORDS[cap.status]}, ${cap.totals.available} available.</p>` : ''}</section>`;
  }
  const cls = c.stale ? 'stale' : cap.status;
  return `<section class="center ${cls}"><h2>${e(c.name)} <span class="st">${WORDS[cap.status]}</span></h2>
${c.stale ? '<p class="warn">STALE: these counts may be out of date.</p>' : ''}
<p>Accepting police: <strong>${cap.acceptingLawEnforcement ? 'YES' : 'NO'}</strong> · Available: <strong>${cap.totals.available}</strong> of ${cap.totals.total}</p>
<p>${kinds(cap) || 'No units listed.'}</p>
<p>May bring: ${e(who(cap))}</p>
${cap.facility.phone ? `<p>Phone: <strong>${e(cap.facility.phone)}</strong></p>` : ''}
${cap.note ? `<p>Note: <strong>${e(cap.note)}</strong></p>` : ''}
<p class="small">Updated ${since}${c.source ? '' : ' (this center)'}</p></section>`;
}

/**
 * GET /region: every center of the region in large type, for a dispatcher's screen. `eventId` is
 * the id of the region event this page shows (the page skips that event on connect).
 */
export function renderRegionPage(v: RegionView, timeZone: string, eventId = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="${REGION_REFRESH_SECONDS}"></noscript>
<title>Region: ${v.centers.length} centers</title><style>${STYLE}</style></head>
<body data-id="${htmlEscape(eventId)}"><main><h1>Crisis centers in the region</h1>
${v.centers.map((c) => centerBlock(c, timeZone)).join('\n')}
<p class="small">Machine-readable: <a href="/api/v1/region">JSON</a>.</p>
<p class="small"><input type="checkbox" id="auto" checked> <label for="auto">Keep this page up to date (live, or every ${REGION_REFRESH_SECONDS} seconds)</label></p>
</main><script>${SCRIPT}</script></body></html>
`;
}
