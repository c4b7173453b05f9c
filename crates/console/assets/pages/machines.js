// The state machine list: name, type, creation date and each machine's executions counted
// by status.

import { listAll } from '../api.js';
import { errorPanel, fill, h, link, pageOf } from '../dom.js';
import { formatDate, isoDate } from '../format.js';
import { EXECUTION_STATUSES, badge } from '../status.js';

/** How many pages of 1,000 executions are counted per machine before giving a lower bound. */
const MAX_COUNTED_PAGES = 5;

/**
 * @param {HTMLElement} view
 * @param {AbortSignal} signal
 */
export async function render(view, signal) {
  document.title = 'State machines · Statewright';
  const body = h('div', { class: 'card' }, h('p', { class: 'loading' }, 'Loading state machines…'));
  fill(view,
    h('div', { class: 'page-head' },
      h('div', null, h('h1', { tabindex: -1 }, 'State machines')),
      h('div', { class: 'actions' }, h('a', { class: 'button button-primary', href: '#/new' }, 'New state machine'))),
    body);

  let machines;
  try {
    ({ items: machines } = await listAll('ListStateMachines', {}, 'stateMachines', { signal }));
  } catch (err) {
    if (!signal.aborted) fill(body, errorPanel('the state machines', err));
    return;
  }
  if (machines.length === 0) {
    fill(body, h('div', { class: 'empty' },
      h('p', null, 'No state machines yet.'),
      h('p', null, h('a', { class: 'button button-primary', href: '#/new' }, 'Create one'),
        ' from a definition, or with ', h('code', null, 'aws stepfunctions create-state-machine'), '.')));
    return;
  }

  const rows = machines.map((machine) => {
    const counts = h('div', { class: 'counts' }, h('span', { class: 'muted' }, '…'));
    const row = h('tr', { dataset: { name: machine.name } },
      h('td', null, link(pageOf('state-machines', machine.stateMachineArn), machine.name)),
      h('td', null, h('span', { class: 'tag' }, machine.type)),
      h('td', { class: 'nowrap' }, h('time', { datetime: isoDate(machine.creationDate) }, formatDate(machine.creationDate))),
      h('td', null, counts));
    return { machine, row, counts };
  });
  fill(body, h('div', { class: 'table-wrap' }, h('table', { class: 'table machines' },
    h('caption', { class: 'visually-hidden' }, 'State machines'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'),
      h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Executions'))),
    h('tbody', null, rows.map(({ row }) => row)))));

  // One machine at a time, so that a long list does not flood the server.
  for (const { machine, counts } of rows) {
    if (signal.aborted) return;
    if (machine.type !== 'STANDARD') {
      fill(counts, h('span', { class: 'muted' }, 'Express executions are not kept'));
      continue;
    }
    try {
      fill(counts, ...await countCells(machine.stateMachineArn, signal));
    } catch (err) {
      if (signal.aborted) return;
      fill(counts, h('span', { class: 'muted' }, `could not count: ${/** @type {Error} */ (err).message}`));
    }
  }
}

/**
 * A machine's executions counted by status, as badges.
 *
 * @param {string} stateMachineArn
 * @param {AbortSignal} signal
 */
async function countCells(stateMachineArn, signal) {
  const { items, complete } = await listAll('ListExecutions', { stateMachineArn }, 'executions', { maxPages: MAX_COUNTED_PAGES, signal });
  if (items.length === 0) return [h('span', { class: 'muted' }, 'none yet')];
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const execution of items) counts.set(execution.status, (counts.get(execution.status) ?? 0) + 1);
  const more = complete ? '' : '+';
  return EXECUTION_STATUSES
    .filter((status) => counts.has(status))
    .map((status) => badge(status, `${counts.get(status)}${more} ${status === 'RUNNING' ? 'running' : status.toLowerCase().replace('_', ' ')}`));
}
