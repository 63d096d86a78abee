// Retail: ETL runs with live progress and their checks, a file to run, and the agent answering French questions
// with its SQL, its rows (as a chart when they carry a figure) and the run it read.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, message, failure, progress, every, whenShown } from '../ui.js';

export default async function retail(main) {
  const runsEl = h('div', { id: 'etl-runs' });
  const latest = h('div', { id: 'etl-latest' });
  main.append(section(t('runs'), runsEl, start()), section(t('Qualité des données (dernière exécution)'), latest));
  every(2000, async () => {
    const page = await api('/api/retail/etl/runs?size=20');
    const running = page.items.filter((r) => r.status === 'RUNNING');
    runsEl.replaceChildren(
      ...running.map((r) => h('div', h('p', `#${r.id} ${r.step || ''} ${counts(r.progress)}`), progress(percent(r), `${t('progress')} #${r.id}`))),
      table(t('runs'), [
        { key: 'id', label: '#' }, { key: 'source', label: 'Source' }, { key: 'status', label: t('status'), className: (r) => `status-${r.status}` },
        { key: 'step', label: t('Étape') }, { key: 'rowsRead', label: t('Lues') }, { key: 'rowsLoaded', label: t('Chargées') },
        { key: 'rowsRejected', label: t('Rejetées') }, { key: 'startedAt', label: t('started') },
      ], page.items, 'etl-runs'));
    const last = page.items.find((r) => r.status !== 'RUNNING');
    if (last && latest.dataset.run !== String(last.id)) {
      latest.dataset.run = String(last.id);
      latest.replaceChildren(...quality(last));
    }
    return true;
  });
  main.append(await dashboard(), agent());
}

/** The run's share done: cleaning counts lines (a quarter of the way), loading counts the sales rows to load. */
function percent(run) {
  const p = run.progress || {};
  if (run.step === 'load' && p.salesRowsToLoad) return 25 + 65 * (p.salesRowsLoaded || 0) / p.salesRowsToLoad;
  return { clean: 10, mdm: 25, load: 25, checks: 90, publish: 95 }[run.step] || 5;
}

function counts(progress) {
  return Object.entries(progress || {}).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${v.toLocaleString()}`).join(' · ');
}

/** Top products, customers and countries by revenue: the agent's own answers (the same rules, audited), as charts. */
async function dashboard() {
  const questions = ['Top 10 des produits par CA', 'Top 10 des clients par CA', 'Top 10 des pays par CA']; // the agent reads French
  const panels = await Promise.all(questions.map(async (q) => {
    try {
      const a = await api('/api/retail/agent/ask', { method: 'POST', body: { question: q } });
      const chart = h('div.chart', { role: 'img', 'aria-label': a.answer });
      bars(chart, a.columns, a.rows || []);
      return h('div.panel-part', h('h3', t(q)), chart);
    } catch (e) {
      return h('div.panel-part', h('h3', t(q)), failure(e));
    }
  }));
  return section(t('Tableau de bord'), h('div.grid3', panels));
}

/** A finished run: its checks (OK / WARN / FAIL), the lines it rejected by rule, and how long each step took. */
function quality(run) {
  const checks = Array.isArray(run.checks) ? run.checks : [];
  const steps = Object.entries(run.steps || {}).map(([step, ms]) => ({ step, ms: typeof ms === 'object' ? JSON.stringify(ms) : ms }));
  const rejects = Object.entries(run.rejects || {}).map(([rule, n]) => ({ rule, n }));
  return [
    h('p', `#${run.id} · ${run.status}`),
    checks.length ? table(t('Contrôles'), [
      { key: 'name', label: t('Contrôle') }, { key: 'level', label: t('Niveau'), className: (c) => `status-${c.level}` },
      { key: 'measured', label: t('Mesure') }, { key: 'detail', label: t('Détail') },
    ], checks, 'checks') : '',
    rejects.length ? table(t('Lignes rejetées par règle'), [{ key: 'rule', label: t('Règle') }, { key: 'n', label: t('rows') }], rejects, 'rejects') : '',
    steps.length ? table(t('Durée des étapes'), [{ key: 'step', label: t('Étape') }, { key: 'ms', label: 'ms' }], steps, 'steps') : '',
  ];
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

/** A bar chart of a text column against the first numeric one, when there are both. */
function bars(el, columns, rows) {
  // the most descriptive text (a product's description rather than its golden id): the last text column
  const label = columns.map((c, i) => (rows.length && typeof rows[0][i] === 'string' ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  const value = columns.findIndex((c, i) => rows.length && typeof rows[0][i] === 'number');
  if (!window.echarts || label < 0 || value < 0) {
    el.remove();
    return;
  }
  whenShown(el, () => window.echarts.init(el).setOption({
    tooltip: {}, grid: { left: 170 }, xAxis: { type: 'value', axisLabel: { formatter: (v) => (v >= 1000 ? `${v / 1000} k` : v) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r[label]).slice(0, 30)) },
    series: [{ type: 'bar', name: columns[value], data: rows.map((r) => r[value]) }],
  }));
}
