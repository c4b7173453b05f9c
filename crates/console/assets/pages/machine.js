// A state machine's page: its graph, its definition with diagnostics, its executions, and
// the Start execution dialog.

import { call } from '../api.js';
import { diagnosticsList } from '../diagnostics.js';
import { errorPanel, fill, h, pageOf } from '../dom.js';
import { ExecutionsList } from '../executions_list.js';
import { formatDate } from '../format.js';
import { GraphPanel } from '../graph.js';
import { stateOfPointer } from '../json_locate.js';
import { JsonView } from '../json_view.js';
import { startExecutionDialog } from '../start_dialog.js';

/**
 * @param {HTMLElement} view
 * @param {string} arn
 * @param {AbortSignal} signal
 */
export async function render(view, arn, signal) {
  document.title = 'State machine · Statewright';
  fill(view, h('p', { class: 'loading' }, 'Loading the state machine…'));
  let machine;
  try {
    machine = await call('DescribeStateMachine', { stateMachineArn: arn }, signal);
  } catch (err) {
    if (!signal.aborted) fill(view, h('h1', { tabindex: -1 }, 'State machine'), errorPanel('the state machine', err));
    return;
  }
  if (signal.aborted) return;
  document.title = `${machine.name} · Statewright`;
  const standard = machine.type === 'STANDARD';

  const startButton = h('button', {
    type: 'button', class: 'button button-primary', id: 'start-execution',
    onclick: async () => {
      const executionArn = await startExecutionDialog(arn);
      if (executionArn) location.hash = pageOf('executions', executionArn);
    },
  }, 'Start execution');

  let definition;
  try {
    definition = JSON.parse(machine.definition);
  } catch {
    definition = machine.definition;
  }
  const json = new JsonView(definition, 'Definition');
  const graph = new GraphPanel(`stateMachineArn=${encodeURIComponent(arn)}`);
  const diagnosticsBox = h('div', { class: 'diagnostics-box' }, h('p', { class: 'muted' }, 'Checking the definition…'));

  fill(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' }, h('a', { href: '#/' }, 'State machines'), ' / ', machine.name),
    h('div', { class: 'page-head' },
      h('div', null,
        h('h1', { tabindex: -1 }, machine.name, ' ', h('span', { class: 'tag' }, machine.type)),
        h('p', { class: 'arn' }, h('code', null, machine.stateMachineArn))),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: pageOf('state-machines', arn, '/edit') }, 'Edit definition'),
        standard ? startButton : null)),
    h('dl', { class: 'facts' },
      h('div', null, h('dt', null, 'Created'), h('dd', null, formatDate(machine.creationDate))),
      h('div', null, h('dt', null, 'Status'), h('dd', null, machine.status ?? 'ACTIVE')),
      h('div', null, h('dt', null, 'Role'), h('dd', null, h('code', null, machine.roleArn)))),
    h('div', { class: 'split' },
      h('section', { class: 'card', 'aria-labelledby': 'graph-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'graph-title' }, 'Graph')),
        graph.element),
      h('section', { class: 'card', 'aria-labelledby': 'definition-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'definition-title' }, 'Definition')),
        diagnosticsBox,
        json.element)),
    standard
      ? h('div', { id: 'executions-slot' })
      : h('p', { class: 'notice' }, 'Express executions are not kept, so they cannot be listed; start them with StartExecution or StartSyncExecution.'));

  if (standard) {
    const executions = new ExecutionsList(arn, signal);
    view.querySelector('#executions-slot')?.replaceWith(executions.element);
    executions.load();
  }
  const graphLoaded = graph.load(signal);

  try {
    const validation = await call('ValidateStateMachineDefinition', { definition: machine.definition, type: machine.type, severity: 'WARNING' }, signal);
    /** @type {import('../diagnostics.js').Diagnostic[]} */
    const diagnostics = validation.diagnostics ?? [];
    const pointers = diagnostics.map((diagnostic) => diagnostic.location ?? '').filter((location) => location.startsWith('/'));
    json.flag(pointers);
    const flagged = new Set(pointers.map(stateOfPointer).filter((name) => name !== null));
    graphLoaded.then(() => graph.flag(/** @type {Set<string>} */ (flagged)));
    fill(diagnosticsBox, diagnosticsList(diagnostics, (diagnostic) => {
      if (diagnostic.location?.startsWith('/')) json.reveal(diagnostic.location);
    }, validation.truncated));
  } catch (err) {
    if (!signal.aborted) fill(diagnosticsBox, errorPanel('the diagnostics', err));
  }
}
