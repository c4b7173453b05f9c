// The event history table, as the AWS console shows it: id, type, step, elapsed time and
// the details of each event, expandable. Rows are only ever added, so that a live execution
// keeps what the reader expanded.

import { h } from './dom.js';
import { isoDate, prettyDetails } from './format.js';
import { detailsOf, isFailure } from './history.js';

const number = new Intl.NumberFormat();

/** How many rows are drawn at first, and how many more each "Show more" draws. */
const PAGE = 500;
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

/** The history table of an execution page. */
export class HistoryTable {
  /**
   * @param {(name: string) => void} onSelectState called when a step's name is chosen
   */
  constructor(onSelectState) {
    this.onSelectState = onSelectState;
    this.count = 0;
    this.limit = PAGE;
    /** @type {import('./history.js').HistoryEvent[]} */
    this.events = [];
    /** @type {import('./history.js').Analysis | null} */
    this.analysis = null;
    this.more = h('button', { type: 'button', class: 'button button-small', id: 'history-more', hidden: true, onclick: () => this.showMore() });
    this.tbody = h('tbody');
    this.countLabel = h('span', { class: 'muted', id: 'history-count' });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'history-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'history-title' }, 'Event history ', this.countLabel),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: () => this.expandAll(true) }, 'Expand all'),
          h('button', { type: 'button', class: 'button button-small', onclick: () => this.expandAll(false) }, 'Collapse all'))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table history' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'num' }, 'ID'),
          h('th', { scope: 'col' }, 'Type'),
          h('th', { scope: 'col' }, 'Step'),
          h('th', { scope: 'col', class: 'num' }, 'Elapsed (ms)'),
          h('th', { scope: 'col' }, 'Time'))),
        this.tbody)),
      h('div', { class: 'history-more' }, this.more));
  }

  /** Draws the next page of rows. */
  showMore() {
    this.limit += PAGE;
    if (this.analysis) this.update(this.events, this.analysis);
  }

  /**
   * Adds rows for the events after those already shown.
   *
   * @param {import('./history.js').HistoryEvent[]} events every event so far
   * @param {import('./history.js').Analysis} analysis
   */
  update(events, analysis) {
    this.events = events;
    this.analysis = analysis;
    for (const event of events.slice(this.count, this.limit)) {
      const visit = analysis.visitOfEvent.get(event.id);
      const step = visit?.name ?? '';
      const elapsed = Math.round(event.timestamp * 1000) - analysis.startedAt;
      const detailsId = `event-details-${event.id}`;
      const details = h('tr', { class: 'event-details', id: detailsId, hidden: true }, h('td', { colspan: 5 }));
      const toggle = h('button', {
        type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': detailsId,
        'aria-label': `Details of event ${event.id}`,
        onclick: () => this.expand(toggle, details, event, toggle.getAttribute('aria-expanded') !== 'true'),
      }, h('span', { class: 'chevron', 'aria-hidden': 'true' }), String(event.id));
      const kind = isFailure(event.type) || /^Execution(Failed|TimedOut|Aborted)$/.test(event.type) ? 'event-failure'
        : /Succeeded$/.test(event.type) ? 'event-success' : '';
      this.tbody.append(
        h('tr', { class: `event ${kind}`, dataset: { eventId: event.id } },
          h('td', { class: 'num' }, toggle),
          h('td', { class: 'event-type' }, event.type),
          h('td', null, step
            ? h('button', { type: 'button', class: 'link-button', onclick: () => this.onSelectState(step) }, step, visit?.context ? h('span', { class: 'muted' }, ` · ${visit.context}`) : null)
            : ''),
          h('td', { class: 'num' }, number.format(elapsed)),
          h('td', null, h('time', { datetime: isoDate(event.timestamp) }, time.format(new Date(event.timestamp * 1000))))),
        details);
    }
    this.count = Math.min(events.length, this.limit);
    this.countLabel.textContent = `(${events.length})`;
    const hidden = events.length - this.count;
    this.more.hidden = hidden === 0;
    this.more.textContent = `Show ${number.format(Math.min(PAGE, hidden))} more of ${number.format(hidden)}`;
  }

  /**
   * @param {HTMLElement} toggle
   * @param {HTMLElement} details
   * @param {import('./history.js').HistoryEvent} event
   * @param {boolean} open
   */
  expand(toggle, details, event, open) {
    if (open && !details.firstElementChild?.firstChild) {
      const eventDetails = detailsOf(event);
      const body = Object.keys(eventDetails).length ? prettyDetails(eventDetails) : '(no details)';
      details.firstElementChild?.append(
        h('div', { class: 'event-meta muted' }, `Previous event: ${event.previousEventId ?? 0}`),
        h('pre', { class: 'code' }, body));
    }
    toggle.setAttribute('aria-expanded', String(open));
    details.hidden = !open;
  }

  /**
   * Opens or closes every row's details.
   *
   * @param {boolean} open
   */
  expandAll(open) {
    for (const toggle of this.tbody.querySelectorAll('button.disclosure')) {
      if ((toggle.getAttribute('aria-expanded') === 'true') !== open) /** @type {HTMLElement} */ (toggle).click();
    }
  }
}
