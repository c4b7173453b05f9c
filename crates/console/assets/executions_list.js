// A state machine's executions: a status filter, a page at a time (`nextToken`), refreshed
// while any execution on the page runs.

import { call } from './api.js';
import { errorPanel, fill, h, link, pageOf } from './dom.js';
import { formatDate, formatDuration, isoDate } from './format.js';
import { EXECUTION_STATUSES, badge, statusLabel } from './status.js';

const PAGE_SIZE = 20;

/** How often a page with running executions is read again, in milliseconds. */
const REFRESH_MS = 2000;

/** The executions panel of a state machine page. */
export class ExecutionsList {
  /**
   * @param {string} stateMachineArn
   * @param {AbortSignal} signal
   */
  constructor(stateMachineArn, signal) {
    this.stateMachineArn = stateMachineArn;
    this.signal = signal;
    /** @type {(string | undefined)[]} tokens of the pages before this one, and this one's */
    this.tokens = [undefined];
    this.status = '';
    /** What the table shows, to redraw it only when that changes. */
    this.shown = '';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.filter = /** @type {HTMLSelectElement} */ (h('select', { id: 'status-filter', onchange: () => this.setStatus(this.filter.value) },
      h('option', { value: '' }, 'All statuses'),
      EXECUTION_STATUSES.filter((status) => status !== 'PENDING_REDRIVE').map((status) => h('option', { value: status }, statusLabel(status)))));
    this.previous = h('button', { type: 'button', class: 'button', onclick: () => this.go(-1) }, '← Newer');
    this.next = h('button', { type: 'button', class: 'button', onclick: () => this.go(1) }, 'Older →');
    this.pageLabel = h('span', { class: 'muted page-label' });
    this.body = h('div', { class: 'table-wrap' });
    this.element = h('section', { class: 'card executions', 'aria-labelledby': 'executions-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'executions-title' }, 'Executions'),
        h('div', { class: 'actions' },
          h('label', { for: 'status-filter', class: 'inline-label' }, 'Status'), this.filter)),
      this.body,
      h('div', { class: 'pager' }, this.previous, this.pageLabel, this.next));
    signal.addEventListener('abort', () => clearTimeout(this.timer));
  }

  /**
   * Shows only executions of one status (`''` for all), from the newest.
   *
   * @param {string} status
   */
  setStatus(status) {
    this.status = status;
    this.tokens = [undefined];
    return this.load();
  }

  /**
   * Moves a page towards older (1) or newer (-1) executions.
   *
   * @param {number} step
   */
  go(step) {
    if (step < 0 && this.tokens.length > 1) this.tokens.pop();
    if (step > 0 && this.nextToken) this.tokens.push(this.nextToken);
    return this.load();
  }

  /** Reads the current page again. */
  async load() {
    clearTimeout(this.timer);
    const token = this.tokens[this.tokens.length - 1];
    let response;
    try {
      response = await call('ListExecutions', {
        stateMachineArn: this.stateMachineArn,
        maxResults: PAGE_SIZE,
        ...(this.status ? { statusFilter: this.status } : {}),
        ...(token ? { nextToken: token } : {}),
      }, this.signal);
    } catch (err) {
      if (!this.signal.aborted) fill(this.body, errorPanel('the executions', err));
      return;
    }
    if (this.signal.aborted) return;
    /** @type {any[]} */
    const executions = response.executions ?? [];
    this.nextToken = response.nextToken;
    // A refresh that finds nothing new leaves the table alone, so that a click on it lands.
    const shown = JSON.stringify([this.status, this.tokens, response]);
    const unchanged = shown === this.shown;
    this.shown = shown;
    this.previous.toggleAttribute('disabled', this.tokens.length <= 1);
    this.next.toggleAttribute('disabled', !this.nextToken);
    this.pageLabel.textContent = `Page ${this.tokens.length}`;
    if (unchanged) {
      // Nothing to redraw.
    } else if (executions.length === 0) {
      fill(this.body, h('p', { class: 'empty' }, this.status
        ? `No ${statusLabel(this.status).toLowerCase()} executions.`
        : 'No executions yet. Start one with “Start execution”.'));
    } else {
      fill(this.body, h('table', { class: 'table executions-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Started'), h('th', { scope: 'col' }, 'Ended'),
          h('th', { scope: 'col', class: 'num' }, 'Duration'))),
        h('tbody', null, executions.map((execution) => h('tr', null,
          h('td', null, link(pageOf('executions', execution.executionArn), execution.name)),
          h('td', null, badge(execution.status)),
          h('td', { class: 'nowrap' }, h('time', { datetime: isoDate(execution.startDate) }, formatDate(execution.startDate))),
          h('td', { class: 'nowrap' }, execution.stopDate ? formatDate(execution.stopDate) : '—'),
          h('td', { class: 'num' }, execution.stopDate ? formatDuration((execution.stopDate - execution.startDate) * 1000) : '—'))))));
    }
    if (executions.some((execution) => execution.status === 'RUNNING')) {
      this.timer = setTimeout(() => this.load(), REFRESH_MS);
    }
  }
}
