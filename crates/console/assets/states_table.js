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
    this.element = h('section', { class: 'card', 'aria-labelledby': 'steps-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'steps-title' }, 'Steps')),
      h('div', { class: 'table-wrap steps-wrap' }, h('table', { class: 'table steps' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col', class: 'num' }, 'Visits'), h('th', { scope: 'col', class: 'num' }, 'Time'))),
        this.tbody)));
  }

  /**
   * @param {import('./history.js').Analysis} analysis
   */
  update(analysis) {
    const now = Date.now();
    const rows = [...analysis.visitsByName].map(([name, visits]) => {
      const time = visits.reduce((sum, visit) => sum + ((visit.exitedAt ?? (visit.closed ? visit.enteredAt : now)) - visit.enteredAt), 0);
      const status = analysis.statuses.get(name) ?? 'not-started';
      return h('tr', { class: name === this.selected ? 'selected' : '', dataset: { state: name } },
        h('td', null, h('button', { type: 'button', class: 'link-button', 'aria-pressed': String(name === this.selected), onclick: () => this.onSelect(name) }, name)),
        h('td', null, badge(status)),
        h('td', { class: 'num' }, String(visits.length)),
        h('td', { class: 'num' }, formatDuration(time)));
    });
    const focused = document.activeElement?.closest('tr')?.getAttribute('data-state');
    fill(this.tbody, ...rows);
    if (focused) /** @type {HTMLElement | null} */ (this.tbody.querySelector(`tr[data-state="${CSS.escape(focused)}"] button`))?.focus();
  }
}
