// The details of one state of an execution: each of its visits (a loop, a Map iteration or
// a Parallel branch visits a state again) one at a time, with input, output, error, cause,
// attempts and timing.

import { fill, h } from './dom.js';
import { formatDuration, prettyJson } from './format.js';
import { badge, statusLabel } from './status.js';

/** The state details panel of an execution page. */
export class StateDetails {
  constructor() {
    /** @type {string | null} */
    this.name = null;
    /** @type {number | null} the chosen visit's id, or null for the latest */
    this.visitId = null;
    this.body = h('div', { class: 'state-details-body' });
    this.element = h('section', { class: 'card state-details', id: 'state-details', 'aria-labelledby': 'state-details-title', tabindex: -1 },
      h('div', { class: 'card-head' }, h('h2', { id: 'state-details-title' }, 'State')),
      this.body);
    this.clear();
  }

  clear() {
    fill(this.body, h('p', { class: 'muted' }, 'Choose a state in the graph, the steps or the history to see its input, output, error, retries and timing.'));
  }

  /**
   * Shows a state, from its latest visit.
   *
   * @param {string} name
   * @param {import('./history.js').Analysis} analysis
   */
  select(name, analysis) {
    this.name = name;
    this.visitId = null;
    this.update(analysis);
  }

  /**
   * Shows the chosen state again with what the history says now.
   *
   * @param {import('./history.js').Analysis} analysis
   */
  update(analysis) {
    if (this.name === null) return;
    const visits = analysis.visitsByName.get(this.name) ?? [];
    if (visits.length === 0) {
      fill(this.body, h('h3', null, this.name, ' ', badge('not-started')), h('p', { class: 'muted' }, 'This state has not run in this execution.'));
      return;
    }
    let idx = visits.findIndex((visit) => visit.id === this.visitId);
    if (idx < 0) idx = visits.length - 1;
    const visit = visits[idx];
    const choose = (/** @type {number} */ next) => {
      this.visitId = visits[next].id;
      this.update(analysis);
      /** @type {HTMLElement | null} */ (this.body.querySelector('.visit-select'))?.focus();
    };
    const picker = visits.length > 1
      ? h('div', { class: 'visit-picker' },
        h('button', { type: 'button', class: 'button button-small', 'aria-label': 'Previous visit', disabled: idx === 0, onclick: () => choose(idx - 1) }, '‹'),
        h('select', { class: 'visit-select', 'aria-label': 'Visit', onchange: (/** @type {Event} */ event) => choose(Number(/** @type {HTMLSelectElement} */ (event.target).value)) },
          visits.map((each, eachIdx) => h('option', { value: eachIdx, selected: eachIdx === idx },
            `${eachIdx + 1} of ${visits.length}${each.context ? ` · ${each.context}` : ''} · ${statusLabel(each.status)}`))),
        h('button', { type: 'button', class: 'button button-small', 'aria-label': 'Next visit', disabled: idx === visits.length - 1, onclick: () => choose(idx + 1) }, '›'))
      : null;
    const ended = visit.exitedAt ?? (visit.closed ? undefined : Date.now());
    const retries = Math.max(0, visit.attempts - 1);
    const facts = [
      ['Type', visit.stateType],
      visit.context ? ['Runs in', visit.context] : null,
      ['Entered', `+${formatDuration(visit.enteredAt - analysis.startedAt)}`],
      ['Exited', visit.exitedAt !== undefined ? `+${formatDuration(visit.exitedAt - analysis.startedAt)}` : visit.closed ? '—' : 'still running'],
      ['Duration', formatDuration(ended === undefined ? undefined : ended - visit.enteredAt)],
      visit.attempts ? ['Attempts', `${visit.attempts} (${retries} ${retries === 1 ? 'retry' : 'retries'})`] : null,
      visit.iterations.size ? ['Iterations', iterationSummary(visit.iterations)] : null,
      visit.nBranches ? ['Branches', String(visit.nBranches)] : null,
    ].filter((fact) => fact !== null);
    fill(this.body,
      h('h3', { class: 'state-title' }, this.name, ' ', badge(visit.status)),
      picker,
      h('dl', { class: 'facts facts-compact' }, facts.map((fact) => h('div', null, h('dt', null, fact?.[0]), h('dd', null, fact?.[1])))),
      visit.error !== undefined || visit.cause !== undefined
        ? h('div', { class: 'failure' },
          h('div', null, h('span', { class: 'label' }, 'Error'), h('code', { class: 'state-error' }, visit.error ?? '')),
          visit.cause ? h('div', null, h('span', { class: 'label' }, 'Cause'), h('pre', { class: 'code state-cause' }, visit.cause)) : null)
        : null,
      visit.failures.length > 1 || (visit.failures.length === 1 && visit.status !== 'failed')
        ? h('details', { class: 'attempts' },
          h('summary', null, `${visit.failures.length} failed attempt${visit.failures.length === 1 ? '' : 's'}`),
          h('ol', null, visit.failures.map((failure) => h('li', null,
            h('code', null, failure.error ?? failure.type), ` at +${formatDuration(failure.at - analysis.startedAt)}`,
            failure.cause ? h('div', { class: 'muted small' }, failure.cause) : null))))
        : null,
      h('div', { class: 'io' },
        h('div', null, h('h4', null, 'Input'), h('pre', { class: 'code state-input' }, visit.input === undefined ? '—' : prettyJson(visit.input))),
        h('div', null, h('h4', null, 'Output'), h('pre', { class: 'code state-output' }, visit.output === undefined ? '—' : prettyJson(visit.output)))));
  }
}

/**
 * `4 iterations: 3 succeeded, 1 running`.
 *
 * @param {Map<number, string>} iterations
 */
function iterationSummary(iterations) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const status of iterations.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${statusLabel(status).toLowerCase()}`);
  return `${iterations.size}: ${parts.join(', ')}`;
}
