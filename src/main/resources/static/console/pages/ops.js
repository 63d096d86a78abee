// Operations: health, backups (start one, see them land), open operational alerts, the audit log, and the tools.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, message, failure, busy } from '../ui.js';

export default async function ops(main) {
  const health = await fetch('/actuator/health').then((r) => r.json()).catch(() => ({ status: 'DOWN' }));
  main.append(section(t('health'), h('p', { id: 'health', class: `status-${health.status}` }, health.status)));

  const backups = h('div', { id: 'backups' });
  const show = async () => backups.replaceChildren(table(t('backups'), [
    { key: 'id', label: '#' }, { key: 'trigger', label: t('Par') }, { key: 'status', label: t('status'), className: (b) => `status-${b.status}` },
    { key: 'size_bytes', label: t('Octets') }, { key: 'duration_ms', label: 'ms' }, { key: 'started_at', label: t('started') }, { key: 'error', label: t('error') },
  ], await api('/api/admin/backups'), 'backups'));
  const started = h('div');
  main.append(section(t('backups'), h('button', {
    type: 'button', id: 'backup-now',
    onclick: async (e) => {
      e.target.disabled = true;
      started.replaceChildren(busy(t('backups')));
      try {
        const b = await api('/api/admin/backups', { method: 'POST' });
        started.replaceChildren(message(`#${b.id} ${b.status}`));
      } catch (err) {
        started.replaceChildren(failure(err));
      }
      e.target.disabled = false;
      await show();
    },
  }, t('backupNow')), started, backups));
  await show();

  const alerts = await api('/api/admin/alerts');
  main.append(section(t('alerts'), alerts.length ? table(t('alerts'), [
    { key: 'kind', label: t('Type') }, { key: 'severity', label: t('Gravité') }, { key: 'message', label: 'Message' }, { key: 'raised_at', label: t('started') },
  ], alerts, 'ops-alerts') : message(t('noAlerts'))));

  const audit = await api('/api/admin/audit?size=50');
  main.append(section(t('audit'), table(t('audit'), [
    { key: 'at', label: t('Quand') }, { key: 'actor', label: t('Qui') }, { key: 'action', label: t('Action') }, { key: 'target', label: t('Cible') },
    { key: 'outcome', label: t('Résultat') },
  ], audit, 'audit')));

  const links = await fetch('/console/settings.json').then((r) => r.json()).catch(() => ({}));
  main.append(section(t('links'), h('ul.links',
    links.grafanaUrl ? h('li', h('a', { href: links.grafanaUrl }, 'Grafana')) : null,
    h('li', h('a', { href: '/camunda/app/cockpit/' }, 'Camunda Cockpit')),
    h('li', h('a', { href: '/camunda/app/tasklist/' }, 'Camunda Tasklist')),
    h('li', h('a', { href: '/swagger-ui.html' }, 'Swagger UI')),
    h('li', h('a', { href: '/actuator/prometheus' }, 'Prometheus')))));
}
