// The Start execution dialog: an optional name and a JSON input, checked as JSON before
// anything is sent.

import { call } from './api.js';
import { openDialog } from './dialog.js';
import { h } from './dom.js';

/**
 * Why a text is not a JSON document, or `null` when it is one.
 *
 * @param {string} text
 */
export function jsonProblem(text) {
  if (!text.trim()) return 'The input is empty; an execution needs a JSON document, such as {}.';
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `The input is not valid JSON: ${/** @type {Error} */ (err).message}`;
  }
}

/**
 * Asks for an execution's name and input, starts it, and resolves with its ARN (or `null`
 * when cancelled).
 *
 * @param {string} stateMachineArn
 * @param {string} [initialInput]
 * @returns {Promise<string | null>}
 */
export function startExecutionDialog(stateMachineArn, initialInput = '{}') {
  const nameInput = h('input', { id: 'start-name', name: 'name', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'a unique id is chosen if empty', maxlength: 80 });
  const input = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id: 'start-input', name: 'input', rows: 10, spellcheck: 'false', class: 'code-input',
    'aria-describedby': 'start-input-problem', value: initialInput,
  }));
  const problem = h('p', { id: 'start-input-problem', class: 'field-problem', 'aria-live': 'polite' });
  const check = () => {
    const found = jsonProblem(input.value);
    problem.textContent = found ?? '';
    input.setAttribute('aria-invalid', String(Boolean(found)));
    return found;
  };
  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') === 'true') check();
  });
  input.addEventListener('blur', check);
  return openDialog({
    title: 'Start an execution',
    className: 'dialog-wide',
    confirm: 'Start execution',
    body: [
      h('div', { class: 'field' }, h('label', { for: 'start-name' }, 'Name ', h('span', { class: 'muted' }, '(optional)')), nameInput),
      h('div', { class: 'field' },
        h('label', { for: 'start-input' }, 'Input (JSON)'),
        input,
        problem),
    ],
    submit: async () => {
      const found = check();
      if (found) {
        input.focus();
        // The field says what is wrong; the dialog stays open and sends nothing.
        throw new Error('');
      }
      const name = /** @type {HTMLInputElement} */ (nameInput).value.trim();
      const response = await call('StartExecution', { stateMachineArn, input: input.value, ...(name ? { name } : {}) });
      return /** @type {string} */ (response.executionArn);
    },
  });
}
