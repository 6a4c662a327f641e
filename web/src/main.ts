import { api, ApiError, onUnauthorized } from './api';
import { completeCognitoLogin, saveToken, startCognitoLogin } from './auth';
import { config, loadConfig } from './config';
import { field, fill, h, notify } from './dom';
import { showError } from './forms';
import { backtestsPage } from './pages/backtests';
import { dashboardPage } from './pages/dashboard';
import { marketPage } from './pages/market';
import { ordersPage } from './pages/orders';
import type { Page } from './pages/page';
import { strategiesPage } from './pages/strategies';
import { strategyDetailPage } from './pages/strategy-detail';
import { strategyWizardPage } from './pages/strategy-wizard';

/** Hash routes: `#/orders/o-123` → the orders page with ['o-123']. The most specific route wins. */
const ROUTES: [RegExp, Page][] = [
  [/^\/strategies\/new(?:\/([a-z_]+))?$/, strategyWizardPage],
  [/^\/strategies\/([a-z0-9-]+)$/, strategyDetailPage],
  [/^\/strategies$/, strategiesPage],
  [/^\/orders(?:\/([A-Za-z0-9._:-]+))?$/, ordersPage],
  [/^\/backtests$/, backtestsPage],
  [/^\/market$/, marketPage],
  [/^\/?$/, dashboardPage],
];

const NAV: [string, string][] = [
  ['#/', 'Dashboard'],
  ['#/orders', 'Orders'],
  ['#/strategies', 'Strategies'],
  ['#/backtests', 'Backtests'],
  ['#/market', 'Market'],
];

const main = () => document.getElementById('main') as HTMLElement;
let leave: (() => void) | void;
let navigated = false;

function route(): void {
  const path = location.hash.replace(/^#/, '') || '/';
  if (leave) leave();
  leave = undefined;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const target = link.getAttribute('href')!.slice(1);
    const current = target === '/' ? path === '/' : path.startsWith(target);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const root = main();
  for (const [pattern, page] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      leave = page(
        root,
        match.slice(1).filter((part): part is string => part !== undefined),
      );
      // After a navigation, focus moves to the new content (screen readers announce it); not on first load.
      if (navigated) root.focus({ preventScroll: true });
      navigated = true;
      return;
    }
  }
  fill(
    root,
    h('h1', {}, 'Not found'),
    h('p', {}, 'No page here. '),
    h('a', { href: '#/' }, 'Back to the dashboard'),
  );
}

/** The API asked who we are: a token form locally, the Cognito hosted login in AWS. */
function showSignIn(): void {
  // Already asking (a wrong token answers 401 too): keep the form and its error message.
  if (main().querySelector('form.sign-in')) return;
  if (leave) leave();
  leave = undefined;
  const root = main();
  if (config().cognito) {
    fill(
      root,
      h('h1', {}, 'Sign in'),
      h('p', {}, 'Sign in to use Stratus.'),
      h('button', { class: 'primary', onclick: () => void startCognitoLogin() }, 'Sign in'),
    );
    return;
  }
  const input = h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'sign-in' },
    field('API token', input, 'The STRATUS_API_TOKEN this Stratus was started with'),
    h('p', { class: 'form-status', role: 'status' }),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveToken(input.value.trim());
    api
      .get('/api/portfolio')
      .then(() => {
        notify('Signed in');
        route();
      })
      .catch((error: unknown) => showError(form, error));
  });
  fill(root, h('h1', {}, 'Sign in'), h('p', {}, 'This Stratus requires an API token.'), form);
}

async function healthBadge(): Promise<void> {
  const badge = document.getElementById('health')!;
  try {
    const health = await api.get<{ status: string; version: string }>('/api/health');
    badge.textContent = `${health.status} · v${health.version}`;
    badge.className = `badge ${health.status === 'ok' ? 'ok' : 'bad'}`;
  } catch (error) {
    badge.textContent = error instanceof ApiError && error.status === 503 ? 'degraded' : 'unreachable';
    badge.className = 'badge bad';
  }
}

async function start(): Promise<void> {
  await loadConfig();
  try {
    await completeCognitoLogin();
  } catch (error) {
    notify(error instanceof Error ? error.message : String(error), 'error');
  }
  fill(document.getElementById('nav')!, ...NAV.map(([href, label]) => h('a', { href }, label)));
  onUnauthorized(showSignIn);
  window.addEventListener('hashchange', route);
  route();
  void healthBadge();
  setInterval(() => void healthBadge(), 15_000);
}

void start();
