// The console's entry point: hash routing between its pages.
//
//   #/                          the state machines
//   #/new                       a new state machine
//   #/state-machines/ARN        a state machine
//   #/state-machines/ARN/edit   a state machine's definition, to change
//   #/executions/ARN            an execution
//
// Each page renders into `<main>` and gets an AbortSignal that fires when the reader goes
// elsewhere, which stops its requests and its polling.

import { serverInfo } from './api.js';
import { fill, h } from './dom.js';
import * as editor from './pages/editor.js';
import * as execution from './pages/execution.js';
import * as machine from './pages/machine.js';
import * as machines from './pages/machines.js';

/** @type {[RegExp, string, (view: HTMLElement, signal: AbortSignal, arn: string) => Promise<void>][]} */
const ROUTES = [
  [/^\/?$/, 'machines', (view, signal) => machines.render(view, signal)],
  [/^\/new$/, 'new', (view, signal) => editor.render(view, null, signal)],
  [/^\/state-machines\/(.+)\/edit$/, 'machines', (view, signal, arn) => editor.render(view, arn, signal)],
  [/^\/state-machines\/(.+)$/, 'machines', (view, signal, arn) => machine.render(view, arn, signal)],
  [/^\/executions\/(.+)$/, 'machines', (view, signal, arn) => execution.render(view, arn, signal)],
];

/** @type {AbortController | null} */
let current = null;

async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const view = /** @type {HTMLElement} */ (document.getElementById('view'));
  const path = location.hash.replace(/^#/, '');
  const found = ROUTES.map(([pattern, nav, page]) => ({ match: pattern.exec(path), nav, page })).find(({ match }) => match);
  for (const navLink of document.querySelectorAll('[data-nav]')) {
    if (found && navLink.getAttribute('data-nav') === found.nav) navLink.setAttribute('aria-current', 'page');
    else navLink.removeAttribute('aria-current');
  }
  if (!found || !found.match) {
    document.title = 'Not found · Statewright';
    fill(view, h('h1', { tabindex: -1 }, 'Nothing here'), h('p', null, 'This page does not exist. ', h('a', { href: '#/' }, 'See the state machines.')));
    focusHeading(view);
    return;
  }
  let arn = '';
  try {
    arn = decodeURIComponent(found.match[1] ?? '');
  } catch {
    arn = found.match[1] ?? '';
  }
  try {
    const rendering = found.page(view, controller.signal, arn);
    // The heading appears with the page's first content; focus it for screen readers.
    requestAnimationFrame(() => focusHeading(view));
    await rendering;
  } catch (err) {
    if (controller.signal.aborted) return;
    fill(view, h('h1', { tabindex: -1 }, 'Something went wrong'),
      h('div', { class: 'notice notice-error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
  }
}

/**
 * Moves focus to the page's heading after a navigation, unless the reader is typing.
 *
 * @param {HTMLElement} view
 */
function focusHeading(view) {
  const active = document.activeElement;
  if (active && active !== document.body && view.contains(active)) return;
  const heading = view.querySelector('h1');
  (heading instanceof HTMLElement ? heading : view).focus({ preventScroll: true });
}

async function showServer() {
  const info = await serverInfo();
  const slot = document.getElementById('server-info');
  if (slot && info.version) slot.textContent = `${info.region} · ${info.account} · v${info.version}`;
}

window.addEventListener('hashchange', route);
route();
showServer();
