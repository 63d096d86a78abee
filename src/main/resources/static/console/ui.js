// Small DOM helpers: elements, tables that export as CSV and Excel, cards, progress bars, messages.
import { api } from './api.js';
import { t } from './i18n.js';

/** h('div.card', {role: 'status'}, child, 'text', ...) */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
  } else if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function section(title, ...children) {
  const id = 'h-' + Math.random().toString(36).slice(2, 8);
  return h('section.panel', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function message(text, kind = 'info') {
  return h(`p.msg.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function failure(error) {
  return message(`${t('error')} ${error.status || ''}: ${error.message}`, 'error');
}

export function cards(values) {
  return h('div.cards', Object.entries(values).map(([label, value]) =>
    h('div.card', h('span.label', label), h('strong.value', value === null || value === undefined ? '—' : format(value)))));
}

export function progress(percent, label) {
  const p = Math.max(0, Math.min(100, Math.round(percent || 0)));
  return h('div.progress', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': p, 'aria-label': label },
    h('span', { style: `width:${p}%` }), h('em', `${p} %`));
}

/** Runs fn once the element is in the page and has a width (a chart drawn before that would be 0 px wide). */
export function whenShown(el, fn, tries = 600) {
  if (el.isConnected && el.clientWidth > 0) fn();
  else if (tries > 0) requestAnimationFrame(() => whenShown(el, fn, tries - 1));
}

/** A job that answers when it is done (an import, a backup, a retraining): a moving bar until then. */
export function busy(label) {
  return h('div.progress.busy', { role: 'progressbar', 'aria-label': label, 'aria-busy': 'true' }, h('span'), h('em', label));
}

/**
 * A button that starts a job answering when it is done (POST url): a moving bar meanwhile, then the page again with
 * what the job changed, or the error under the button.
 */
export function jobButton(id, label, url, busyLabel) {
  const out = h('div');
  const button = h('button', {
    type: 'button', id,
    onclick: async () => {
      button.disabled = true;
      out.replaceChildren(busy(busyLabel));
      try {
        await api(url, { method: 'POST' });
        location.reload();
      } catch (e) {
        out.replaceChildren(failure(e));
        button.disabled = false;
      }
    },
  }, label);
  return h('div.inline', button, out);
}

export function format(value) {
  if (typeof value === 'number') return value.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 });
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A table of rows with its columns [{key, label, cell?(row), className?(row)}]; exports as CSV and as an Excel
 * workbook (SpreadsheetML, which Excel and LibreOffice open); a caption names it for screen readers.
 */
export function table(caption, columns, rows, name = 'export') {
  const body = h('tbody', rows.map((row) => h('tr', columns.map((c) =>
    h('td', { class: c.className ? c.className(row) : null }, c.cell ? c.cell(row) : format(row[c.key] ?? ''))))));
  const tableEl = h('table', h('caption', caption), h('thead', h('tr', columns.map((c) => h('th', { scope: 'col' }, c.label)))), body);
  const tools = h('div.tools.noprint',
    h('button', { type: 'button', onclick: () => download(`${name}.csv`, 'text/csv', csv(columns, rows)) }, t('exportCsv')),
    h('button', { type: 'button', onclick: () => download(`${name}.xls`, 'application/vnd.ms-excel', spreadsheet(caption, columns, rows)) }, t('exportXls')),
    h('button', { type: 'button', onclick: () => window.print() }, t('print')));
  return h('div.table', tools, h('div.scroll', tableEl));
}

function plain(row, c) {
  const v = c.text ? c.text(row) : row[c.key];
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function csv(columns, rows) {
  const quote = (s) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [columns.map((c) => quote(c.label)).join(','), ...rows.map((r) => columns.map((c) => quote(plain(r, c))).join(','))].join('\r\n') + '\r\n';
}

export function spreadsheet(title, columns, rows) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const cell = (v) => (v !== '' && !Number.isNaN(Number(v)) ? `<Cell><Data ss:Type="Number">${v}</Data></Cell>` : `<Cell><Data ss:Type="String">${esc(v)}</Data></Cell>`);
  return `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" `
    + `xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="${esc(title).slice(0, 31)}"><Table>`
    + `<Row>${columns.map((c) => cell(c.label)).join('')}</Row>`
    + rows.map((r) => `<Row>${columns.map((c) => cell(plain(r, c))).join('')}</Row>`).join('')
    + '</Table></Worksheet></Workbook>';
}

function download(file, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Calls fn every `ms` until it answers false or the page changes; answers a stop function. */
export function every(ms, fn) {
  let live = true;
  const page = location.hash;
  (async function tick() {
    if (!live || location.hash !== page) return;
    let more = true;
    try {
      more = await fn();
    } catch (e) {
      console.warn(e);
    }
    if (more !== false) setTimeout(tick, ms);
  })();
  return () => { live = false; };
}
