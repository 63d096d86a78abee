// Knowledge: index a site (URL, domain, limits) with live progress and the pages skipped with their reasons; ask,
// and read the answer with its sources.
import { api, session, ApiError } from '../api.js';
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
        await streamed(question.value, answer);
      } catch (err) {
        answer.replaceChildren(failure(err));
      }
    },
  }, question, h('button', { type: 'submit', id: 'knowledge-ask' }, t('ask'))), answer));
}

/** The answer as it is written (server-sent events over POST: sources first, then the text sentence by sentence). */
async function streamed(question, el) {
  const s = session.get();
  const response = await fetch('/api/knowledge/ask', { method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: `Bearer ${s.token}` },
    body: JSON.stringify({ question }) });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  const text = h('p.answer', { 'aria-live': 'polite' });
  const sources = h('ol.sources');
  el.replaceChildren(text, h('h3', t('sources')), sources);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = (block.match(/^event:(.*)$/m) || [])[1]?.trim();
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (name === 'sources') {
        sources.replaceChildren(...JSON.parse(data).map((src) => h('li', h('a', { href: src.url, target: '_blank', rel: 'noopener' }, src.title || src.url),
          src.heading && src.heading !== src.title ? ` — ${src.heading}` : '', h('blockquote', src.quote))));
      } else if (name === 'delta') {
        text.append((text.textContent ? ' ' : '') + data);
      } else if (name === 'error') {
        el.append(message(data, 'error'));
      }
    }
  }
}

/** Follows one ingestion in el (following another one stops the first). */
function follow(id, el) {
  if (el.stopFollowing) el.stopFollowing();
  el.stopFollowing = every(1000, async () => {
    const j = await api(`/api/knowledge/ingestions/${id}`);
    const done = !['QUEUED', 'RUNNING'].includes(j.status);
    el.replaceChildren(
      h('p', { id: 'ingestion-status', 'data-status': j.status }, `${j.url} — ${j.status} · ${t('pages')} ${j.pages.fetched} · chunks ${j.chunks}`),
      progress(done ? 100 : j.progress || 0, t('progress')),
      j.notFetched.length ? table(t('skipped'), [{ key: 'url', label: t('url') }, { key: 'outcome', label: t('status') }, { key: 'reason', label: t('Raison') }],
        j.notFetched, 'skipped') : '');
    return !done;
  });
}
