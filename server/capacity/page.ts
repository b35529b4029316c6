import { createHash } from 'node:crypto';
import { UNIT_KIND_LABELS } from '../../core/vocab';
import type { CapacityJson } from '../../core/capacity/json';

/** The page refreshes itself this often (seconds); figures are live, so this is the lag. */
export const PAGE_REFRESH_SECONDS = 30;

/**
 * Refreshing is on by default and can be paused (WCAG 2.2.1: timing adjustable); without
 * script, a <noscript> meta refresh does the same.
 */
const REFRESH_SCRIPT = `(function(){var c=document.getElementById('auto'),t;function s(){clearTimeout(t);if(c.checked)t=setTimeout(function(){location.reload()},${PAGE_REFRESH_SECONDS * 1000})}c.addEventListener('change',s);s()})();`;

/** Only this exact script may run on the page. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(REFRESH_SCRIPT).digest('base64')}'; frame-ancestors 'none'`;

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
.open{border-color:#1a7f37}.limited{border-color:#9a6700}.full,.diverting,.closed{border-color:#b42318}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25em .4em;border-bottom:1px solid #ccc}
td.n{text-align:right;font-variant-numeric:tabular-nums}.small{font-size:.7em;color:#444}
@media (prefers-color-scheme:dark){body{background:#0f1317;color:#e6edf3}.small{color:#9aa5b1}}`;

/** A plain page for a dispatcher with only a browser: facility-level facts, never a person's. */
export function renderStatusPage(d: CapacityJson): string {
  const e = htmlEscape;
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
<body><main>
<h1>${e(d.facility.name)}</h1>
<p class="status ${d.status}">${STATUS_WORDS[d.status]}</p>
<p>Accepting police drop-offs: <strong>${d.acceptingLawEnforcement ? 'YES' : 'NO'}</strong></p>
<p>Available now: <strong>${d.totals.available}</strong> of ${d.totals.total} · Officers waiting: <strong>${d.officersWaiting}</strong></p>
${d.note ? `<p>Note: <strong>${e(d.note)}</strong></p>` : ''}
<table><caption class="small">Available places by unit</caption><thead><tr><th scope="col">Unit</th><th scope="col">Kind</th><th scope="col">Available</th><th scope="col">Total</th></tr></thead><tbody>${rows}</tbody></table>
${d.facility.phone ? `<p>Phone: <strong>${e(d.facility.phone)}</strong></p>` : ''}
<p class="small">Figures last changed ${e(when(d.updatedAt, d.facility.timeZone))} (${e(d.facility.timeZone)}). Machine-readable: <a href="/api/v1/capacity">JSON</a>, <a href="/api/v1/capacity.xml">EDXL-HAVE XML</a>.</p>
<p class="small"><input type="checkbox" id="auto" checked> <label for="auto">Refresh this page every ${PAGE_REFRESH_SECONDS} seconds</label></p>
</main><script>${REFRESH_SCRIPT}</script></body></html>
`;
}
