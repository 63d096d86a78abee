// Retail: ETL runs with live progress and their checks, a file to run, and the agent answering French questions
// with its SQL, its rows (as a chart when they carry a figure) and the run it read.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, message, failure, progress, every } from '../ui.js';

export default async function retail(main) {
  const runsEl = h('div', { id: 'etl-runs' });
  main.append(section(t('runs'), runsEl, start()));
  every(2000, async () => {
    const page = await api('/api/retail/etl/runs?size=20');
    const running = page.items.filter((r) => r.status === 'RUNNING');
    runsEl.replaceChildren(
      ...running.map((r) => h('div', h('p', `#${r.id} ${r.step || ''}`), progress(r.progress && r.progress.percent, `${t('progress')} #${r.id}`))),
      table(t('runs'), [
        { key: 'id', label: '#' }, { key: 'source', label: 'Source' }, { key: 'status', label: t('status'), className: (r) => `status-${r.status}` },
        { key: 'step', label: 'Étape' }, { key: 'rowsRead', label: 'Lues' }, { key: 'rowsLoaded', label: 'Chargées' },
        { key: 'rowsRejected', label: 'Rejetées' }, { key: 'startedAt', label: t('started') },
      ], page.items, 'etl-runs'));
    return true;
  });
  main.append(agent());
}

function start() {
  const file = h('input', { type: 'file', accept: '.csv,.csv.gz,text/csv', 'aria-label': 'CSV Online Retail' });
  const out = h('div');
  return h('div.inline', file, h('button', {
    type: 'button',
    onclick: async () => {
      if (!file.files[0]) return;
      try {
        const run = await api('/api/retail/etl/runs?mode=snapshot', { method: 'POST', type: 'text/csv', body: file.files[0] });
        out.replaceChildren(message(`#${run.id} ${run.status}`));
      } catch (e) {
        out.replaceChildren(failure(e));
      }
    },
  }, t('start')), out);
}

function agent() {
  const question = h('input', { id: 'agent-question', 'aria-label': t('question'), value: 'Top 10 des produits par chiffre d’affaires en 2011' });
  const out = h('div', { id: 'agent-answer' });
  return section(t('agent'), h('form.inline', {
    onsubmit: async (e) => {
      e.preventDefault();
      out.replaceChildren(message(t('loading')));
      try {
        const a = await api('/api/retail/agent/ask', { method: 'POST', body: { question: question.value } });
        const rows = (a.rows || []).map((r) => Object.fromEntries(a.columns.map((c, i) => [c, r[i]])));
        const chart = h('div.chart', { role: 'img', 'aria-label': a.answer });
        out.replaceChildren(h('p.answer', a.answer), h('pre.sql', { 'aria-label': t('sql') }, a.sql),
          h('p.meta', `${a.servedBy} · run ${a.runId ?? '—'}${(a.failedChecks || []).length ? ' · FAIL ' + a.failedChecks.join(', ') : ''}`),
          chart, table(t('answer'), a.columns.map((c) => ({ key: c, label: c })), rows, 'agent'));
        bars(chart, a.columns, a.rows || []);
      } catch (err) {
        out.replaceChildren(failure(err));
      }
    },
  }, question, h('button', { type: 'submit' }, t('ask'))), out);
}

/** A bar chart of the first text column against the first numeric one, when there are both. */
function bars(el, columns, rows) {
  const label = columns.findIndex((c, i) => rows.length && typeof rows[0][i] === 'string');
  const value = columns.findIndex((c, i) => rows.length && typeof rows[0][i] === 'number');
  if (!window.echarts || label < 0 || value < 0) {
    el.remove();
    return;
  }
  requestAnimationFrame(() => window.echarts.init(el).setOption({
    tooltip: {}, grid: { left: 160 }, xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r[label]).slice(0, 30)) },
    series: [{ type: 'bar', name: columns[value], data: rows.map((r) => r[value]) }],
  }));
}
