// Knowledge: index a site (URL, domain, limits) with live progress and the pages skipped with their reasons; ask,
// and read the answer with its sources.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, section, table, message, failure, progress, every } from '../ui.js';

export default async function knowledge(main) {
  const url = h('input', { id: 'ingest-url', type: 'url', required: true, 'aria-label': t('url'), placeholder: 'https://…' });
  const domain = h('input', { id: 'ingest-domain', 'aria-label': t('domain'), placeholder: t('domain') });
  const max = h('input', { id: 'ingest-max', type: 'number', min: 1, value: 50, 'aria-label': t('maxPages') });
  const job = h('div', { id: 'ingestion' });
  main.append(section(t('ingest'), h('form.inline', {
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const created = await api('/api/knowledge/ingestions', { method: 'POST',
          body: { url: url.value.trim(), domain: domain.value.trim() || null, maxPages: Number(max.value) || null } });
        follow(created.id, job);
      } catch (err) {
        job.replaceChildren(failure(err));
      }
    },
  }, url, domain, max, h('button', { type: 'submit', id: 'ingest-start' }, t('start'))), job));

  const mine = await api('/api/knowledge/ingestions');
  if (mine.length) follow(mine[0].id, job);

  const question = h('input', { id: 'knowledge-question', required: true, 'aria-label': t('question') });
  const answer = h('div', { id: 'knowledge-answer' });
  main.append(section(t('question'), h('form.inline', {
    onsubmit: async (e) => {
      e.preventDefault();
      answer.replaceChildren(message(t('loading')));
      try {
        const a = await api('/api/knowledge/ask', { method: 'POST', body: { question: question.value } });
        answer.replaceChildren(h('p.answer', a.answer), h('h3', t('sources')),
          h('ol.sources', (a.sources || []).map((s) => h('li', h('a', { href: s.url, target: '_blank', rel: 'noopener' }, s.title || s.url),
            s.heading && s.heading !== s.title ? ` — ${s.heading}` : '', h('blockquote', s.quote)))));
      } catch (err) {
        answer.replaceChildren(failure(err));
      }
    },
  }, question, h('button', { type: 'submit', id: 'knowledge-ask' }, t('ask'))), answer));
}

function follow(id, el) {
  every(1000, async () => {
    const j = await api(`/api/knowledge/ingestions/${id}`);
    const done = !['QUEUED', 'RUNNING'].includes(j.status);
    el.replaceChildren(
      h('p', { id: 'ingestion-status', 'data-status': j.status }, `${j.url} — ${j.status} · ${t('pages')} ${j.pages.fetched} · chunks ${j.chunks}`),
      progress(done ? 100 : j.progress || 0, t('progress')),
      j.notFetched.length ? table(t('skipped'), [{ key: 'url', label: t('url') }, { key: 'outcome', label: t('status') }, { key: 'reason', label: 'Raison' }],
        j.notFetched, 'skipped') : '');
    return !done;
  });
}
