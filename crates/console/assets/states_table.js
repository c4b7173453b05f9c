// The steps of an execution: every state that ran, with its status, its number of visits and
// its time, in the order they were first entered. It works with or without the graph.

import { fill, h } from './dom.js';
import { formatDuration } from './format.js';
import { badge } from './status.js';

/** The steps panel of an execution page. */
export class StatesTable {
  /**
   * @param {(name: string) => void} onSelect
   */
  constructor(onSelect) {
    this.onSelect = onSelect;
    /** @type {string | null} */
    this.selected = null;
    this.tbody = h('tbody');
    /** @type {Map<string, {tr: HTMLElement, button: HTMLElement, status: HTMLElement, visits: HTMLElement, time: HTMLElement, shownStatus: string}>} */
    this.rows = new Map();
    this.element = h('section', { class: 'card', 'aria-labelledby': 'steps-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'steps-title' }, 'Steps')),
      h('div', { class: 'table-wrap steps-wrap' }, h('table', { class: 'table steps' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col', class: 'num' }, 'Visits'), h('th', { scope: 'col', class: 'num' }, 'Time'))),
        this.tbody)));
  }

  /**
   * Brings the rows up to date. Rows are kept and changed in place, so that a click or the
   * focus on one survives the updates of a running execution.
   *
   * @param {import('./history.js').Analysis} analysis
   */
  update(analysis) {
    const now = Date.now();
    for (const [name, visits] of analysis.visitsByName) {
      let row = this.rows.get(name);
      if (!row) {
        const button = h('button', { type: 'button', class: 'link-button', onclick: () => this.onSelect(name) }, name);
        row = { tr: h('tr', { dataset: { state: name } }), button, status: h('td'), visits: h('td', { class: 'num' }), time: h('td', { class: 'num' }), shownStatus: '' };
        row.tr.append(h('td', null, button), row.status, row.visits, row.time);
        this.rows.set(name, row);
        this.tbody.append(row.tr);
      }
      const status = analysis.statuses.get(name) ?? 'not-started';
      if (status !== row.shownStatus) {
        row.shownStatus = status;
        fill(row.status, badge(status));
      }
      const time = visits.reduce((sum, visit) => sum + ((visit.exitedAt ?? (visit.closed ? visit.enteredAt : now)) - visit.enteredAt), 0);
      row.visits.textContent = String(visits.length);
      row.time.textContent = formatDuration(time);
      const chosen = name === this.selected;
      row.tr.classList.toggle('selected', chosen);
      row.button.setAttribute('aria-pressed', String(chosen));
    }
  }
}
