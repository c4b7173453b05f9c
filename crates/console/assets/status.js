// Statuses and their badges. Colours come from style.css, keyed by `data-status`, so an
// execution status and a state status of the same kind look the same everywhere.

import { h } from './dom.js';

/** Execution statuses, in the order filters and counts list them. */
export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** The classes a state's graph node carries, one at a time. */
export const STATE_STATUSES = ['not-started', 'running', 'succeeded', 'failed', 'caught', 'cancelled'];

/** @type {Record<string, string>} */
const LABELS = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
  PENDING_REDRIVE: 'Pending redrive',
  'not-started': 'Not started',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught',
  cancelled: 'Cancelled',
};

/**
 * The words for a status.
 *
 * @param {string} status
 */
export function statusLabel(status) {
  return LABELS[status] ?? status;
}

/**
 * A status badge: a coloured dot and the status in words.
 *
 * @param {string} status an execution status (`RUNNING`) or a state status (`caught`)
 * @param {string} [text] other words than the status's own
 */
export function badge(status, text) {
  return h('span', { class: 'badge', dataset: { status } }, text ?? statusLabel(status));
}
