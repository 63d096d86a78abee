// Production (Euralis): KPI cards, the 7/30/90-day forecast per site with its interval band, farmer clusters,
// quality anomalies with the features that flagged them, model runs with R2 and MAPE over time, batches (a farmer
// sees only theirs).
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, cards, message, whenShown, jobButton } from '../ui.js';

export default async function production(main) {
  const staff = session.has('admin', 'manager');
  if (staff) {
    const kpis = await api('/api/production/kpis');
    main.append(section(t('kpis'), cards({
      [t('Production (kg)')]: kpis.production_totale_kg, [t('Lots actifs')]: kpis.nb_lots_actifs, [t('Gaveurs actifs')]: kpis.nb_gaveurs_actifs,
      [t('ITM moyen')]: kpis.itm_moyen, [t('Sigma moyen (g)')]: kpis.sigma_moyen, [t('Mortalité (%)')]: kpis.mortalite_pct, [t('Alertes')]: kpis.nb_alertes_critiques,
    })));
    const models = await api('/api/production/models');
    main.append(forecasts(models.forecasts), runs(models.runs, retrain()));
    main.append(await scatter(), await planning());
    main.append(section(t('clusters'), table(t('clusters'), [
      { key: 'cluster', label: '#' }, { key: 'farmers', label: t('Gaveurs') }, { key: 'itm', label: 'ITM' }, { key: 'liver_mean_g', label: t('Foie moyen (g)') },
    ], models.clusters, 'clusters')));
    const quality = await api('/api/production/quality');
    main.append(comparison(quality.by_month));
    main.append(section(t('Qualité'), table(t('Anomalies'), [
      { key: 'batch', label: t('Lot') }, { key: 'site_code', label: t('site') }, { key: 'farmer', label: t('Gaveur') }, { key: 'score', label: t('Score') },
      { key: 'why', label: t('Pourquoi'), cell: (r) => why(r.why) },
    ], quality.anomalies, 'anomalies')));
  }
  const batches = await api('/api/production/batches?size=100');
  main.append(section(t('batches'), h('p', `${batches.total} ${t('batches').toLowerCase()}`), table(t('batches'), [
    { key: 'code', label: t('Lot') }, { key: 'site_code', label: t('site') }, { key: 'farmer', label: t('Gaveur') }, { key: 'strain_code', label: t('Souche') },
    { key: 'ducks', label: t('Canards') }, { key: 'start_date', label: t('started') }, { key: 'end_date', label: t('Fin') }, { key: 'status', label: t('status') },
  ], batches.items, 'batches')));
}

/**
 * Site with site and period with period (the Euralis roadmap): the monthly ITM of each site as lines, and each site's
 * last three months beside the three before.
 */
function comparison(months) {
  const sites = [...new Set(months.map((m) => m.site_code))];
  const chart = h('div.chart', { id: 'site-chart', role: 'img', 'aria-label': t('compareSites') });
  const avg = (rows, key) => (rows.length ? rows.reduce((a, r) => a + Number(r[key] || 0), 0) / rows.length : null);
  const periods = sites.map((site) => {
    const rows = months.filter((m) => m.site_code === site).sort((a, b) => String(a.month).localeCompare(String(b.month)));
    const last = rows.slice(-3), before = rows.slice(-6, -3);
    const now = avg(last, 'avg_itm'), then = avg(before, 'avg_itm');
    return { site, now: now && Math.round(now * 1000) / 1000, then: then && Math.round(then * 1000) / 1000,
      change: now && then ? `${Math.round((now / then - 1) * 1000) / 10} %` : '' };
  });
  whenShown(chart, () => {
    if (!window.echarts) return;
    const months1 = [...new Set(months.map((m) => String(m.month).slice(0, 7)))].sort();
    window.echarts.init(chart).setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { data: sites },
      xAxis: { type: 'category', data: months1 }, yAxis: { type: 'value', name: 'ITM', scale: true },
      series: sites.map((site) => ({ name: site, type: 'line', data: months1.map((m) => {
        const r = months.find((x) => x.site_code === site && String(x.month).startsWith(m));
        return r ? r.avg_itm : null;
      }) })),
    });
  });
  return section(t('compareSites'), chart, table(t('period'), [
    { key: 'site', label: t('site') }, { key: 'then', label: t('ITM 3 mois précédents') }, { key: 'now', label: t('ITM 3 derniers mois') },
    { key: 'change', label: t('Évolution') },
  ], periods, 'periods'));
}

function why(contributions) {
  try {
    const c = typeof contributions === 'string' ? JSON.parse(contributions) : contributions;
    return Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ');
  } catch {
    return String(contributions || '');
  }
}

const COLORS = ['#1f6feb', '#d97706', '#7c3aed', '#059669', '#dc2626'];

/** One line per site: the forecast's points at 7, 30 and 90 days, and its interval as a band around them. */
function forecasts(rows) {
  const chart = h('div.chart', { id: 'forecast-chart', role: 'img', 'aria-label': t('forecast') });
  const el = section(t('forecast'), chart, table(t('forecast'), [
    { key: 'site_code', label: t('site') }, { key: 'horizon_days', label: t('horizon') }, { key: 'forecast_kg', label: t('forecastKg') },
    { key: 'lower_kg', label: 'Min' }, { key: 'upper_kg', label: 'Max' }, { key: 'mape_pct', label: 'MAPE %' },
  ], rows, 'forecasts'));
  const sites = [...new Set(rows.map((r) => r.site_code))];
  const horizons = [...new Set(rows.map((r) => r.horizon_days))].sort((a, b) => a - b);
  const series = [];
  sites.forEach((site) => {
    const of = horizons.map((d) => rows.find((r) => r.site_code === site && r.horizon_days === d) || {});
    const color = COLORS[series.length / 2 % COLORS.length];
    series.push({ name: site, type: 'line', data: of.map((r, i) => [horizons[i], r.forecast_kg]), symbolSize: 8, color });
    // the interval: one polygon from the lower bounds out and the upper bounds back (its data give the axis its extent)
    series.push({ name: `${site} ${t('interval')}`, type: 'custom', silent: true, color, z: 1,
      data: of.map((r, i) => [horizons[i], r.lower_kg, r.upper_kg]), encode: { x: 0, y: [1, 2] },
      renderItem: (params, chart) => (params.dataIndex !== 0 ? null : {
        type: 'polygon',
        shape: { points: [...of.map((r, i) => chart.coord([horizons[i], r.lower_kg])),
          ...of.map((r, i) => chart.coord([horizons[i], r.upper_kg])).reverse()] },
        style: { fill: color, opacity: 0.15 },
      }) });
  });
  whenShown(chart, () => {
    if (!window.echarts) return;
    const c = window.echarts.init(chart, null, { renderer: 'canvas' });
    c.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { data: sites },
      xAxis: { type: 'value', name: t('horizon'), min: 0, max: Math.max(...horizons) },
      yAxis: { type: 'value', name: 'kg' }, series,
    });
    window.addEventListener('resize', () => c.resize());
  });
  return el;
}

/** Retrain every model now (the same as the 02:00 schedule), a moving bar until it answers. */
function retrain() {
  return jobButton('retrain', t('Réentraîner maintenant'), '/api/production/models/retrain', t('models'));
}

/** Farmers by ITM and mean liver weight, one colour per cluster (K-means). */
async function scatter() {
  const farmers = await api('/api/production/farmers/performance');
  const chart = h('div.chart', { id: 'cluster-chart', role: 'img', 'aria-label': t('clusters') });
  const clusters = [...new Set(farmers.map((f) => f.cluster))].filter((c) => c !== null).sort();
  whenShown(chart, () => window.echarts && window.echarts.init(chart).setOption({
    animation: false, legend: {}, tooltip: { formatter: (p) => `${p.data[2]}: ITM ${p.data[0]}, ${p.data[1]} g` },
    xAxis: { type: 'value', name: 'ITM', scale: true }, yAxis: { type: 'value', name: 'Foie moyen (g)', scale: true },
    series: clusters.map((c) => ({ name: `${t('Groupe')} ${c}`, type: 'scatter', symbolSize: 10,
      data: farmers.filter((f) => f.cluster === c).map((f) => [f.itm, f.liver_mean_g, f.code]) })),
  }));
  return section(`${t('clusters')} (K-means)`, chart);
}

/** The published slaughter plan for the coming month: as a table, and per abattoir and day. */
async function planning() {
  const rows = await api('/api/euralis/abattages/planning');
  if (!rows.length) return section(t('Abattages planifiés'), h('p', '—'));
  const days = [...new Set(rows.map((r) => r.date_abattage))].sort();
  const abattoirs = [...new Set(rows.map((r) => r.abattoir))].sort();
  const grid = abattoirs.map((a) => Object.fromEntries([['abattoir', a],
    ...days.map((d) => [d, rows.filter((r) => r.abattoir === a && r.date_abattage === d).length || ''])]));
  return section(t('Abattages planifiés'),
    table(t('Lots par abattoir et par jour'), [{ key: 'abattoir', label: t('Abattoir') }, ...days.map((d) => ({ key: d, label: d.slice(5) }))], grid, 'abattoirs-days'),
    table(t('Plan'), [
      { key: 'date_abattage', label: t('Jour') }, { key: 'abattoir', label: t('Abattoir') }, { key: 'lot', label: t('Lot') }, { key: 'site_code', label: t('site') },
      { key: 'gaveur', label: t('Gaveur') }, { key: 'canards', label: t('Canards') }, { key: 'transport_km', label: 'km' },
    ], rows, 'abattoir-plan'));
}

/** Model runs: R2 (regressions) and MAPE (forecasts) as they changed run after run. */
function runs(list, ...more) {
  const rows = list.map((r) => ({ ...r, metrics: typeof r.metrics === 'string' ? safe(r.metrics) : r.metrics }));
  const chart = h('div.chart', { id: 'runs-chart', role: 'img', 'aria-label': t('models') });
  const ordered = [...rows].reverse();
  const r2 = ordered.filter((r) => r.kind === 'regression' && r.metrics.mean_r2 !== undefined);
  const mape = ordered.filter((r) => r.kind === 'forecasts');
  const meanMape = (r) => {
    const v = Object.values(r.metrics).map((s) => s && s['30d_mape']).filter((x) => typeof x === 'number');
    return v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length * 10) / 10 : null;
  };
  whenShown(chart, () => window.echarts && window.echarts.init(chart).setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'time' }, yAxis: [{ type: 'value', name: 'R²', min: 0, max: 1 }, { type: 'value', name: 'MAPE 30 j (%)' }],
    series: [
      { name: 'R² moyen', type: 'line', data: r2.map((r) => [r.started_at, Math.round(r.metrics.mean_r2 * 1000) / 1000]) },
      { name: 'MAPE 30 j', type: 'line', yAxisIndex: 1, data: mape.map((r) => [r.started_at, meanMape(r)]) },
    ],
  }));
  return section(t('models'), ...more, chart, table(t('models'), [
    { key: 'id', label: '#' }, { key: 'kind', label: t('Type') }, { key: 'status', label: t('status') }, { key: 'started_at', label: t('started') },
    { key: 'started_by', label: t('Par') }, { key: 'duration_ms', label: 'ms' },
    { key: 'metrics', label: 'R² / MAPE', text: (r) => summary(r), cell: (r) => summary(r) },
  ], rows, 'model-runs'));
}

function summary(r) {
  const m = r.metrics || {};
  if (m.mean_r2 !== undefined) return `R² ${Math.round(m.mean_r2 * 1000) / 1000}`;
  if (r.kind === 'forecasts') return Object.entries(m).map(([s, v]) => `${s} ${v['30d_mape']} %`).join(', ');
  if (m.silhouette !== undefined) return `silhouette ${m.silhouette}`;
  if (m.precision !== undefined) return `précision ${m.precision}, rappel ${m.recall}`;
  return '';
}

function safe(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
