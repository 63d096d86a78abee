// Shop: products with typo-tolerant search and their stock, live low-stock alerts, restock proposals and deliveries,
// catalog upload with a preview of the inferred columns and the import report.
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, message, failure, busy, jobButton } from '../ui.js';

export default async function shop(main) {
  const staff = session.has('admin', 'manager');
  const low = new Set();
  const results = h('div', { id: 'product-results' });
  const input = h('input', { id: 'product-search', type: 'search', name: 'search', 'aria-label': t('searchProducts'), placeholder: t('searchProducts') });

  // under its alert threshold, or named by an open alert (live)
  const isLow = (p) => low.has(p.reference) || p.stock < p.stockAlertThreshold;

  async function search() {
    results.replaceChildren(message(t('loading')));
    try {
      const page = await api(`/api/shop/products?size=50&search=${encodeURIComponent(input.value.trim())}`);
      results.replaceChildren(h('p', `${page.total} ${t('results')}`), table(t('shop'), [
        { key: 'reference', label: t('reference') },
        { key: 'name', label: t('name') },
        { key: 'category', label: t('category') },
        { key: 'price', label: t('price') },
        { key: 'stock', label: t('stock'), cell: (p) => isLow(p) ? h('span.low', p.stock, h('em.badge', t('lowStock'))) : h('span', p.stock) },
      ], page.items, 'products'));
    } catch (e) {
      results.replaceChildren(failure(e));
    }
  }

  main.append(section(t('search'),
    h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); search(); } }, input, h('button', { type: 'submit' }, t('search'))),
    results));

  main.append(await orders(staff));
  if (staff) {
    const alertList = h('div', { id: 'stock-alerts' });
    main.append(section(t('alerts'), alertList));
    const showAlerts = (alerts) => {
      low.clear();
      alerts.forEach((a) => low.add(a.reference));
      alertList.replaceChildren(alerts.length ? table(t('alerts'), [
        { key: 'reference', label: t('reference') }, { key: 'name', label: t('name') },
        { key: 'available', label: t('stock') }, { key: 'threshold', label: '≤' },
      ], alerts, 'alerts') : message(t('noAlerts')));
    };
    showAlerts(await api('/api/shop/alerts'));
    live(showAlerts);
    main.append(await restock(), upload());
  }
  await search();
}

/** Orders with where their approval stands; staff follow the process instance into Cockpit. */
async function orders(staff) {
  const page = await api('/api/shop/orders?size=50');
  return section(t('Commandes'), table(t('Commandes'), [
    { key: 'id', label: '#', text: (o) => o.id, cell: (o) => o.id.slice(0, 8) },
    { key: 'customer', label: t('Client') },
    { key: 'status', label: t('status'), className: (o) => `status-${o.status}` },
    { key: 'pendingReason', label: t('Motif') },
    { key: 'total', label: t('Total (€)') },
    { key: 'createdAt', label: t('started') },
    { key: 'processState', label: t('Processus'), cell: (o) => (staff && o.processInstanceId
      ? h('a', { href: `/camunda/app/cockpit/default/#/process-instance/${o.processInstanceId}` }, o.processState || 'Cockpit')
      : o.processState || '') },
  ], page.items, 'orders'));
}

/** The alerts' server-sent events: the list is read again on each raised or cleared alert. */
function live(show) {
  const s = session.get();
  const source = new EventSource(`/api/shop/alerts/stream?access_token=${encodeURIComponent(s.token)}`);
  const page = location.hash;
  const reload = async () => {
    if (location.hash !== page) return source.close();
    show(await api('/api/shop/alerts'));
  };
  source.addEventListener('raised', reload);
  source.addEventListener('cleared', reload);
  window.addEventListener('hashchange', () => source.close(), { once: true });
}

async function restock() {
  const proposals = await api('/api/shop/restock/proposals');
  const out = h('div', { role: 'status' });
  const plan = jobButton('restock-plan', t('Planifier maintenant'), '/api/shop/restock/proposals/plan', t('restock'));
  const ref = h('input', { id: 'delivery-reference', required: true, 'aria-label': t('reference') });
  const qty = h('input', { id: 'delivery-quantity', type: 'number', min: 1, required: true, 'aria-label': t('Quantité') });
  return section(t('restock'),
    proposals.length ? table(t('restock'), [
      { key: 'reference', label: t('reference') }, { key: 'name', label: t('name') },
      { key: 'quantity', label: t('Quantité') }, { key: 'reason', label: t('Raison') }, { key: 'plannedAt', label: t('started') },
    ], proposals, 'restock') : message('—'), plan,
    h('form.inline', {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const r = await api('/api/shop/restock', { method: 'POST', body: { lines: [{ reference: ref.value.trim(), quantity: Number(qty.value) }], reason: 'console' } });
          out.replaceChildren(message(JSON.stringify(r)));
        } catch (err) {
          out.replaceChildren(failure(err));
        }
      },
    }, ref, qty, h('button', { type: 'submit' }, t('Livraison'))), out);
}

function upload() {
  const file = h('input', { id: 'catalog-file', type: 'file', accept: '.csv,text/csv', 'aria-label': t('upload') });
  const out = h('div', { id: 'import-report' });
  const send = async (dryRun) => {
    if (!file.files[0]) return;
    out.replaceChildren(busy(t('upload')));
    try {
      const report = await api(`/api/shop/products/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', type: 'text/csv', body: file.files[0] });
      out.replaceChildren(importReport(report, dryRun));
    } catch (e) {
      out.replaceChildren(failure(e));
    }
  };
  return section(t('upload'), h('div.inline', file,
    h('button', { type: 'button', id: 'catalog-preview', onclick: () => send(true) }, t('preview')),
    h('button', { type: 'button', id: 'catalog-import', onclick: () => send(false) }, t('importNow'))), out);
}

function importReport(report, dryRun) {
  const counts = report.counts || {};
  const parts = [h('h3', dryRun ? t('preview') : t('report')), h('p.counts', Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(' · '))];
  const layout = report.details && report.details.layout;
  if (layout && layout.fields) {
    parts.push(table(t('mapping'), [{ key: 'field', label: t('Champ') }, { key: 'column', label: t('Colonne') }, { key: 'confidence', label: t('confidence') }],
      Object.entries(layout.fields).map(([field, c]) => ({ field, column: c.column, confidence: c.confidence })), 'layout'));
  }
  const rejected = report.rejections || [];
  if (rejected.length) {
    parts.push(table(t('rejected'), [{ key: 'line', label: t('Ligne') }, { key: 'reason', label: t('Raison') }, { key: 'content', label: t('Texte') }], rejected, 'rejections'));
  }
  return h('div', parts);
}
