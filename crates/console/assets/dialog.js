// Modal dialogs on the native `<dialog>` element: focus moves into the dialog, Escape and
// the Cancel button close it, and focus goes back where it was.

import { h } from './dom.js';

/**
 * Opens a modal dialog and resolves with the value `submit` returns, or `null` when it is
 * cancelled. `submit` may throw to keep the dialog open; its message, if any, is shown in the
 * dialog.
 *
 * @template T
 * @param {object} options
 * @param {string} options.title
 * @param {Node[]} options.body
 * @param {string} options.confirm the confirming button's words
 * @param {'primary' | 'danger'} [options.tone]
 * @param {() => Promise<T> | T} options.submit
 * @param {string} [options.className]
 * @returns {Promise<T | null>}
 */
export function openDialog({ title, body, confirm, tone = 'primary', submit, className }) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const confirmButton = h('button', { type: 'submit', class: `button button-${tone}` }, confirm);
  const cancelButton = h('button', { type: 'button', class: 'button' }, 'Cancel');
  const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
    h('h2', { id: titleId }, title),
    ...body,
    error,
    h('div', { class: 'dialog-actions' }, cancelButton, confirmButton));
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: `dialog ${className ?? ''}`, 'aria-labelledby': titleId }, form));
  document.body.append(dialog);

  return new Promise((resolve) => {
    let result = /** @type {T | null} */ (null);
    cancelButton.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      confirmButton.setAttribute('disabled', '');
      try {
        result = await submit();
        dialog.close();
      } catch (err) {
        error.textContent = err instanceof Error ? err.message : String(err);
        error.hidden = !error.textContent;
      } finally {
        confirmButton.removeAttribute('disabled');
      }
    });
    dialog.showModal();
  });
}
