// Relais' console: one page, a section per domain, each reading the public API with the caller's own token.
import { api, session } from './api.js';
import { t, switchLanguage, language } from './i18n.js';
import { h, failure } from './ui.js';
import shop from './pages/shop.js';
import production from './pages/production.js';
import retail from './pages/retail.js';
import knowledge from './pages/knowledge.js';
import ops from './pages/ops.js';

/** The sections and who sees them (the API refuses the rest anyway). */
const PAGES = [
  { path: 'shop', render: shop, roles: ['admin', 'manager', 'customer'] },
  { path: 'production', render: production, roles: ['admin', 'manager', 'farmer'] },
  { path: 'retail', render: retail, roles: ['admin', 'manager'] },
  { path: 'knowledge', render: knowledge, roles: ['admin', 'manager', 'customer', 'farmer'] },
  { path: 'ops', render: ops, roles: ['admin'] },
];

const main = document.getElementById('main');

function visible() {
  return PAGES.filter((p) => session.has(...p.roles));
}

function chrome() {
  document.documentElement.lang = language();
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const s = session.get();
  document.getElementById('lang').textContent = t('language');
  document.getElementById('who').textContent = s ? `${s.user} (${s.roles.join(', ')})` : '';
  const out = document.getElementById('signout');
  out.hidden = !s;
  out.textContent = t('signOut');
  const nav = document.getElementById('nav');
  const current = location.hash.replace(/^#\/?/, '').split('/')[0];
  nav.replaceChildren(...(s ? visible() : []).map((p) =>
    h('a', { href: `#/${p.path}`, 'aria-current': p.path === current ? 'page' : null }, t(p.path))));
}

function signIn(mode = 'signin') {
  const error = h('div');
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: mode === 'signin' ? 'current-password' : 'new-password', required: true });
  const form = h('form.signin', {
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const tokens = await api(`/api/auth/${mode}`, { method: 'POST', body: { username: user.value.trim(), password: pass.value } });
        session.set(tokens);
        // the page asked for (a link followed before signing in), else the first one the role opens
        const asked = location.hash.replace(/^#\/?/, '').split('/')[0];
        const page = visible().find((p) => p.path === asked) || visible()[0];
        go(`#/${page ? page.path : ''}`);
      } catch (err) {
        error.replaceChildren(failure(err));
      }
    },
  },
  h('h1', t(mode === 'signin' ? 'signIn' : 'signUp')),
  h('label', { for: 'username' }, t('username')), user,
  h('label', { for: 'password' }, t('password')), pass,
  error,
  h('button', { type: 'submit', id: 'submit' }, t(mode === 'signin' ? 'signIn' : 'signUp')),
  h('p', t(mode === 'signin' ? 'noAccount' : 'haveAccount'), ' ',
    h('button.link', { type: 'button', onclick: () => main.replaceChildren(signIn(mode === 'signin' ? 'signup' : 'signin')) },
      t(mode === 'signin' ? 'signUp' : 'signIn'))));
  return form;
}

/** Goes to a page; the same page again renders it again. */
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

let rendering = 0;

async function route() {
  const mine = ++rendering;
  chrome();
  if (!session.get()) {
    main.replaceChildren(signIn());
    return;
  }
  const path = location.hash.replace(/^#\/?/, '').split('/')[0];
  const page = visible().find((p) => p.path === path) || visible()[0];
  if (!page) {
    main.replaceChildren(h('p', t('forbidden')));
    return;
  }
  if (page.path !== path) {
    location.hash = `#/${page.path}`;
    return;
  }
  // a page renders into its own view, shown once; a newer navigation meanwhile wins
  const view = h('div', h('h1', t(page.path)));
  main.replaceChildren(view);
  try {
    await page.render(view);
  } catch (e) {
    view.append(failure(e));
  }
  if (mine === rendering) main.focus({ preventScroll: true });
}

document.getElementById('lang').addEventListener('click', () => { switchLanguage(); route(); });
document.getElementById('signout').addEventListener('click', async () => {
  const s = session.get();
  try {
    await api('/api/auth/signout', { method: 'POST', body: { refresh_token: s && s.refresh } });
  } catch {
    // signed out here whatever the server says
  }
  session.clear();
  go('#/');
});
window.addEventListener('hashchange', route);
route();
