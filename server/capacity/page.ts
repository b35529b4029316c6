import { createHash } from 'node:crypto';
import { UNIT_KIND_LABELS } from '../../core/vocab';
import type { CapacityJson } from '../../core/capacity/json';
import type { PageExtras } from './snapshot';

/** The page refreshes itself this often (seconds); figures are live, so this is the lag. */
export const PAGE_REFRESH_SECONDS = 30;

/**
 * Refreshing is on by default and can be paused (WCAG 2.2.1: timing adjustable). With an
 * EventSource the page follows /api/v1/capacity/events and reloads when the figures change (and
 * every PAGE_REFRESH_SECONDS otherwise, so a lost stream never freezes it); without script, a
 * <noscript> meta refresh. "confirmed 2 h ago" is kept current from the page's own clock.
 */
const REFRESH_SCRIPT = `(function(){var c=document.getElementById('auto'),t,es,m=document.querySelector('main'),cur=m.getAttribute('data-id');function ago(){var e=document.getElementById('confirmed-ago');if(!e)return;var n=Math.max(0,Math.floor((Date.now()-Date.parse(e.getAttribute('data-at')))/60000));e.textContent=n<1?'just now':n<60?n+' min ago':n<2880?Math.floor(n/60)+' h '+(n%60)+' min ago':Math.floor(n/1440)+' days ago'}function s(){clearTimeout(t);if(es){es.close();es=null}if(!c.checked)return;t=setTimeout(function(){location.reload()},${PAGE_REFRESH_SECONDS * 1000});if(window.EventSource){var k=new URLSearchParams(location.search).get('token');es=new EventSource('/api/v1/capacity/events'+(k?'?token='+encodeURIComponent(k):''));es.addEventListener('capacity',function(ev){if(ev.lastEventId!==cur)location.reload()})}}c.addEventListener('change',s);s();ago();setInterval(ago,30000)})();`;

/** Only this exact script may run on the page; it may open the event stream of this origin. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(REFRESH_SCRIPT).digest('base64')}'; connect-src 'self'; frame-ancestors 'none'`;

export function htmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STATUS_WORDS: Record<CapacityJson['status'], string> = {
  open: 'OPEN',
  limited: 'LIMITED',
  full: 'FULL',
  diverting: 'DIVERTING',
  closed: 'CLOSED',
};

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

const STYLE = `body{margin:0;background:#fff;color:#111;font:clamp(20px,2.6vw,30px)/1.35 system-ui,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}h1{font-size:1.4em;margin:.2em 0}
.status{font-size:3em;font-weight:800;margin:.1em 0;padding:.1em .3em;border-left:.4em solid}
.stale{background:#fff4e5;border-left:.4em solid #b54708;padding:.2em .4em}
.open{border-color:#1a7f37}.limited{border-color:#9a6700}.full,.diverting,.closed{border-color:#b42318}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25em .4em;border-bottom:1px solid #ccc}
td.n{text-align:right;font-variant-numeric:tabular-nums}.small{font-size:.7em;color:#444}
@media (prefers-color-scheme:dark){body{background:#0f1317;color:#e6edf3}.small{color:#9aa5b1}.stale{background:#3b2300}}`;

const ROLE_WORDS: Record<string, string> = {
  admin: 'an administrator',
  manager: 'a manager',
  intake: 'intake staff',
};

/** "Counts confirmed 2 h ago (10:14 AM)", or in words and colour that they may be out of date. */
function censusLine(d: CapacityJson, confirmedBy: string | null): string {
  const e = htmlEscape;
  const by = confirmedBy && ROLE_WORDS[confirmedBy] ? ` by ${ROLE_WORDS[confirmedBy]}` : '';
  const confirmed = d.confirmedAt
    ? `Counts confirmed <span id="confirmed-ago" data-at="${e(d.confirmedAt)}">${e(agoText(Date.parse(d.generatedAt) - Date.parse(d.confirmedAt)))}</span>${by} (${e(when(d.confirmedAt, d.facility.timeZone))})`
    : 'Counts never confirmed by staff';
  if (!d.stale) return `<p class="census">${confirmed}.</p>`;
  return `<p class="census stale"><strong>STALE: these counts may be out of date.</strong> ${confirmed}; call the center to check.</p>`;
}

/** A diversion or closure set by staff, and when it ends in the facility's own time. */
function manualLine(manual: PageExtras['manual'], timeZone: string): string {
  if (!manual) return '';
  const what = manual.status === 'closed' ? 'Closed' : 'Diverting';
  if (manual.until === null)
    return `<p class="manual">${what} until staff lift it (no end time set).</p>`;
  const end = new Date(manual.until).toISOString();
  return `<p class="manual">${what} until <strong><time datetime="${end}">${htmlEscape(when(end, timeZone))}</time></strong> (${htmlEscape(timeZone)}).</p>`;
}

/** The same words as the page's script. */
function agoText(ms: number): string {
  const n = Math.max(0, Math.floor(ms / 60_000));
  if (n < 1) return 'just now';
  if (n < 60) return `${n} min ago`;
  if (n < 2880) return `${Math.floor(n / 60)} h ${n % 60} min ago`;
  return `${Math.floor(n / 1440)} days ago`;
}

/**
 * A plain page for a dispatcher with only a browser: facility-level facts, never a person's.
 * `eventId` is the JSON's ETag (the event stream's id): the page reloads when it changes.
 */
export function renderStatusPage(
  d: CapacityJson,
  eventId = '',
  extras: PageExtras = { confirmedBy: null, manual: null },
): string {
  const e = htmlEscape;
  const { confirmedBy } = extras;
  const rows = d.units
    .map(
      (u) =>
        `<tr><td>${e(u.name)}</td><td>${e(UNIT_KIND_LABELS[u.kind])}</td><td class="n">${u.available}</td><td class="n">${u.total}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="${PAGE_REFRESH_SECONDS}"></noscript>
<title>${e(d.facility.name)}: ${STATUS_WORDS[d.status]}</title><style>${STYLE}</style></head>
<body><main data-id="${e(eventId)}">
<h1>${e(d.facility.name)}</h1>
<p class="status ${d.status}">${STATUS_WORDS[d.status]}</p>
<p>Accepting police drop-offs: <strong>${d.acceptingLawEnforcement ? 'YES' : 'NO'}</strong></p>
${manualLine(extras.manual, d.facility.timeZone)}
<p>Available now: <strong>${d.totals.available}</strong> of ${d.totals.total} · Officers waiting: <strong>${d.officersWaiting}</strong></p>
${censusLine(d, confirmedBy)}
${d.note ? `<p>Note: <strong>${e(d.note)}</strong></p>` : ''}
<table><caption class="small">Available places by unit</caption><thead><tr><th scope="col">Unit</th><th scope="col">Kind</th><th scope="col">Available</th><th scope="col">Total</th></tr></thead><tbody>${rows}</tbody></table>
${d.facility.phone ? `<p>Phone: <strong>${e(d.facility.phone)}</strong></p>` : ''}
<p class="small">Figures last changed ${e(when(d.updatedAt, d.facility.timeZone))} (${e(d.facility.timeZone)}). Machine-readable: <a href="/api/v1/capacity">JSON</a>, <a href="/api/v1/capacity.xml">EDXL-HAVE XML</a>.</p>
<p class="small"><input type="checkbox" id="auto" checked> <label for="auto">Keep this page up to date (live, and every ${PAGE_REFRESH_SECONDS} seconds)</label></p>
</main><script>${REFRESH_SCRIPT}</script></body></html>
`;
}
