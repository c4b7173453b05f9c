// An execution's page: its status, input, output, error and cause, what started it when a
// trigger did, the graph coloured by each state's status, the steps, the chosen state's
// details and the event history, all kept up to date while the execution runs (by polling,
// without reloading), and the Stop button.

import { call, listAll, triggerOf } from '../api.js';
import { openDialog } from '../dialog.js';
import { errorPanel, fill, h, link, pageOf, toast } from '../dom.js';
import { formatDate, formatDuration, prettyJson } from '../format.js';
import { GraphPanel } from '../graph.js';
import { analyse } from '../history.js';
import { HistoryTable } from '../history_table.js';
import { StateDetails } from '../state_details.js';
import { startedBy } from '../started_by.js';
import { StatesTable } from '../states_table.js';
import { badge } from '../status.js';

/** How often a running execution is read again, in milliseconds. */
const POLL_MS = 500;

/** How many of the newest events are asked for at a time while polling. */
const NEWEST_PAGE = 100;

/**
 * @param {HTMLElement} view
 * @param {string} arn
 * @param {AbortSignal} signal
 */
export async function render(view, arn, signal) {
  document.title = 'Execution · Statewright';
  fill(view, h('p', { class: 'loading' }, 'Loading the execution…'));
  // What started the execution never changes, so it is asked once, beside the first reads.
  const triggerFound = triggerOf(arn, signal);
  /** @type {any} */
  let execution;
  /** @type {import('../history.js').HistoryEvent[]} */
  let events;
  try {
    execution = await call('DescribeExecution', { executionArn: arn }, signal);
    ({ items: events } = await listAll('GetExecutionHistory', { executionArn: arn }, 'events', { signal }));
  } catch (err) {
    if (!signal.aborted) fill(view, h('h1', { tabindex: -1 }, 'Execution'), errorPanel('the execution', err));
    return;
  }
  if (signal.aborted) return;
  document.title = `${execution.name} · Statewright`;
  const machineName = execution.stateMachineArn.split(':').pop();

  let analysis = analyse(events);
  const details = new StateDetails();
  /** @param {string} name */
  const selectState = (name) => {
    details.select(name, analysis);
    states.selected = name;
    states.update(analysis);
    graph.select(name);
    details.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  const graph = new GraphPanel(`executionArn=${encodeURIComponent(arn)}`, selectState);
  const states = new StatesTable(selectState);
  const history = new HistoryTable(selectState);

  const statusSlot = h('span', { id: 'execution-status' });
  const live = h('span', { class: 'live', hidden: true }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Live');
  const stopButton = h('button', { type: 'button', class: 'button button-danger', id: 'stop-execution', hidden: true, onclick: () => stop() }, 'Stop execution');
  const facts = h('dl', { class: 'facts' });
  const trigger = h('div', { class: 'started-by', id: 'started-by', hidden: true });
  const failure = h('div', { class: 'execution-failure', hidden: true });
  const io = h('div', { class: 'io' });
  const connection = h('p', { class: 'notice notice-error', role: 'status', hidden: true });

  fill(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' },
      h('a', { href: '#/' }, 'State machines'), ' / ',
      link(pageOf('state-machines', execution.stateMachineArn), machineName), ' / ', execution.name),
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', { tabindex: -1 }, execution.name, ' ', statusSlot, ' ', live),
        h('p', { class: 'arn' }, h('code', null, execution.executionArn))),
      h('div', { class: 'actions' }, stopButton)),
    connection,
    facts,
    trigger,
    failure,
    h('div', { class: 'split' },
      h('section', { class: 'card', 'aria-labelledby': 'graph-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'graph-title' }, 'Graph')),
        graph.element),
      details.element),
    h('div', { class: 'split' },
      states.element,
      h('section', { class: 'card', 'aria-labelledby': 'io-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'io-title' }, 'Execution input and output')),
        io)),
    history.element);

  const durationCell = h('dd');
  let shownExecution = '';
  let shownEvents = -1;
  /** Brings the page up to date, redrawing only what changed so that selections survive. */
  const show = () => {
    const running = execution.status === 'RUNNING';
    const ended = execution.stopDate;
    durationCell.textContent = formatDuration(((ended ?? Date.now() / 1000) - execution.startDate) * 1000);
    const described = JSON.stringify(execution);
    if (described !== shownExecution) {
      shownExecution = described;
      fill(statusSlot, badge(execution.status));
      live.hidden = !running;
      stopButton.hidden = !running;
      fill(facts,
        h('div', null, h('dt', null, 'State machine'), h('dd', null, link(pageOf('state-machines', execution.stateMachineArn), machineName))),
        h('div', null, h('dt', null, 'Started'), h('dd', null, formatDate(execution.startDate))),
        h('div', null, h('dt', null, 'Ended'), h('dd', null, ended ? formatDate(ended) : '—')),
        h('div', null, h('dt', null, 'Duration'), durationCell));
      const failed = execution.error !== undefined || execution.cause !== undefined;
      failure.hidden = !failed;
      if (failed) {
        fill(failure,
          h('div', null, h('span', { class: 'label' }, 'Error'), h('code', { id: 'execution-error' }, execution.error ?? '')),
          h('div', null, h('span', { class: 'label' }, 'Cause'), h('pre', { class: 'code', id: 'execution-cause' }, execution.cause ?? '')));
      }
      fill(io,
        h('div', null, h('h3', null, 'Input'), h('pre', { class: 'code', id: 'execution-input' }, prettyJson(execution.input))),
        h('div', null, h('h3', null, 'Output'), h('pre', { class: 'code', id: 'execution-output' },
          execution.output !== undefined ? prettyJson(execution.output) : running ? 'The execution is still running.' : '—')));
    }
    if (events.length !== shownEvents) {
      shownEvents = events.length;
      analysis = analyse(events);
      graph.colour(analysis.statuses);
      details.update(analysis);
      history.update(events, analysis);
    }
    // Running states' times grow with every look.
    states.update(analysis);
  };

  const stop = async () => {
    const errorInput = h('input', { id: 'stop-error', type: 'text', maxlength: 256, autocomplete: 'off' });
    const causeInput = h('textarea', { id: 'stop-cause', rows: 3, maxlength: 32768 });
    const stopped = await openDialog({
      title: 'Stop this execution?',
      tone: 'danger',
      confirm: 'Stop execution',
      body: [
        h('p', null, 'The execution ends as ', h('strong', null, 'Aborted'), ' and cannot be resumed. The error and cause are optional.'),
        h('div', { class: 'field' }, h('label', { for: 'stop-error' }, 'Error'), errorInput),
        h('div', { class: 'field' }, h('label', { for: 'stop-cause' }, 'Cause'), causeInput),
      ],
      submit: async () => {
        const error = /** @type {HTMLInputElement} */ (errorInput).value.trim();
        const cause = /** @type {HTMLTextAreaElement} */ (causeInput).value.trim();
        await call('StopExecution', { executionArn: arn, ...(error ? { error } : {}), ...(cause ? { cause } : {}) });
        return true;
      },
    });
    if (stopped) {
      toast('Execution stopped');
      await refresh();
      show();
    }
  };

  /** Reads the execution and the events after those already read. */
  const refresh = async () => {
    execution = await call('DescribeExecution', { executionArn: arn }, signal);
    const lastId = events.length ? events[events.length - 1].id : 0;
    const fresh = [];
    let nextToken;
    for (;;) {
      const page = await call('GetExecutionHistory', {
        executionArn: arn, reverseOrder: true, maxResults: NEWEST_PAGE, ...(nextToken ? { nextToken } : {}),
      }, signal);
      const newer = (page.events ?? []).filter((/** @type {any} */ event) => event.id > lastId);
      fresh.push(...newer);
      nextToken = page.nextToken;
      if (!nextToken || newer.length < (page.events ?? []).length) break;
    }
    fresh.sort((a, b) => a.id - b.id);
    events = events.concat(fresh);
  };

  show();
  graph.load(signal).then(() => graph.colour(analysis.statuses));
  triggerFound.then((found) => {
    if (!found || signal.aborted) return;
    fill(trigger, startedBy(found));
    trigger.hidden = false;
  });

  let failures = 0;
  while (!signal.aborted && execution.status === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, failures ? Math.min(5000, POLL_MS * 2 ** failures) : POLL_MS));
    if (signal.aborted) return;
    try {
      await refresh();
      failures = 0;
      connection.hidden = true;
    } catch (err) {
      if (signal.aborted) return;
      failures++;
      connection.hidden = false;
      connection.textContent = `Lost contact with the server (${/** @type {Error} */ (err).message}); trying again…`;
      continue;
    }
    if (!signal.aborted) show();
  }
}
