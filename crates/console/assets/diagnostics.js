// A definition's diagnostics (from `ValidateStateMachineDefinition`) as a list, each one a
// button that shows where it is.

import { h } from './dom.js';

/**
 * @typedef {{severity: string, code: string, message: string, location?: string}} Diagnostic
 */

/**
 * The list of diagnostics, or a note that there are none.
 *
 * @param {Diagnostic[]} diagnostics
 * @param {(diagnostic: Diagnostic) => void} onShow called when one is chosen
 * @param {boolean} [truncated] whether the server left some out
 */
export function diagnosticsList(diagnostics, onShow, truncated = false) {
  if (diagnostics.length === 0) {
    return h('p', { class: 'diagnostics-ok' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'No problems found.');
  }
  const nErrors = diagnostics.filter((diagnostic) => diagnostic.severity === 'ERROR').length;
  const nWarnings = diagnostics.length - nErrors;
  const summary = [
    nErrors ? `${nErrors} error${nErrors === 1 ? '' : 's'}` : null,
    nWarnings ? `${nWarnings} warning${nWarnings === 1 ? '' : 's'}` : null,
  ].filter(Boolean).join(', ');
  return h('div', { class: 'diagnostics' },
    h('p', { class: 'diagnostics-summary' }, summary, truncated ? ' (only the first ones are shown)' : ''),
    h('ul', { class: 'diagnostics-list' }, diagnostics.map((diagnostic) => h('li', null,
      h('button', {
        type: 'button',
        class: `diagnostic diagnostic-${diagnostic.severity.toLowerCase()}`,
        title: diagnostic.location ? `Show ${diagnostic.location}` : undefined,
        onclick: () => onShow(diagnostic),
      },
      h('span', { class: 'diagnostic-severity' }, diagnostic.severity),
      h('code', { class: 'diagnostic-code' }, diagnostic.code),
      h('span', { class: 'diagnostic-message' }, diagnostic.message),
      diagnostic.location ? h('code', { class: 'diagnostic-location' }, diagnostic.location) : null)))));
}
