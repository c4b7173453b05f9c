// Creating a state machine, or updating one's definition, from a pasted or uploaded
// definition: it is validated as it is typed, its diagnostics point into the text, and it
// can be saved only once the server has found no error in exactly this text.

import { ApiError, call, serverInfo } from '../api.js';
import { diagnosticsList } from '../diagnostics.js';
import { errorPanel, fill, h, pageOf, toast } from '../dom.js';
import { GraphPanel } from '../graph.js';
import { lineOf, spanOfLocation, stateOfPointer } from '../json_locate.js';

/** How long typing must pause before the definition is validated, in milliseconds. */
const VALIDATE_AFTER_MS = 400;

/** What a new state machine starts from. */
const STARTER = `{
  "Comment": "A first state machine: replace it with yours, paste one, or upload a file.",
  "StartAt": "Greet",
  "States": {
    "Greet": {
      "Type": "Pass",
      "Parameters": { "greeting.$": "States.Format('Hello, {}!', $.name)" },
      "Next": "Wait a moment"
    },
    "Wait a moment": { "Type": "Wait", "Seconds": 1, "Next": "Done" },
    "Done": { "Type": "Succeed" }
  }
}
`;

/** Names AWS accepts for a state machine. */
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * @param {HTMLElement} view
 * @param {string | null} arn the state machine to update, or null to create one
 * @param {AbortSignal} signal
 */
export async function render(view, arn, signal) {
  document.title = `${arn ? 'Edit state machine' : 'New state machine'} · Statewright`;
  /** @type {any} */
  let machine = null;
  if (arn) {
    fill(view, h('p', { class: 'loading' }, 'Loading the state machine…'));
    try {
      machine = await call('DescribeStateMachine', { stateMachineArn: arn }, signal);
    } catch (err) {
      if (!signal.aborted) fill(view, h('h1', { tabindex: -1 }, 'Edit state machine'), errorPanel('the state machine', err));
      return;
    }
    if (signal.aborted) return;
    document.title = `Edit ${machine.name} · Statewright`;
  }
  const info = await serverInfo();

  const nameInput = /** @type {HTMLInputElement} */ (h('input', { id: 'machine-name', type: 'text', required: true, maxlength: 80, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'machine-name-problem' }));
  const nameProblem = h('p', { id: 'machine-name-problem', class: 'field-problem', 'aria-live': 'polite' });
  const typeSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'machine-type' },
    h('option', { value: 'STANDARD' }, 'Standard'), h('option', { value: 'EXPRESS' }, 'Express')));
  const roleInput = /** @type {HTMLInputElement} */ (h('input', { id: 'machine-role', type: 'text', autocomplete: 'off', spellcheck: 'false', value: `arn:aws:iam::${info.account}:role/statewright` }));
  const definition = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id: 'definition', class: 'code-input definition-input', rows: 26, spellcheck: 'false', wrap: 'off',
    'aria-describedby': 'validation-status', value: machine ? pretty(machine.definition) : STARTER,
  }));
  const fileInput = /** @type {HTMLInputElement} */ (h('input', { id: 'definition-file', type: 'file', tabindex: -1, 'aria-label': 'Definition file', accept: '.json,.asl,application/json', class: 'visually-hidden' }));
  const validationStatus = h('p', { id: 'validation-status', class: 'validation-status', 'aria-live': 'polite' });
  const diagnosticsBox = h('div', { class: 'diagnostics-box' });
  // The definition as it is typed, drawn, with the states that have a diagnostic marked.
  const graph = new GraphPanel('');
  const saveError = h('div', { role: 'alert' });
  const saveButton = h('button', { type: 'submit', class: 'button button-primary', id: 'save', disabled: true, 'aria-describedby': 'save-hint' }, machine ? 'Save definition' : 'Create state machine');

  /** The text the last successful validation was of, if it found no error. */
  let validText = /** @type {string | null} */ (null);
  let generation = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const saveHint = h('p', { class: 'muted small save-hint', id: 'save-hint' });
  const refreshSave = () => {
    const nameOk = machine !== null || NAME_PATTERN.test(nameInput.value);
    const definitionOk = validText !== null && validText === definition.value;
    saveButton.toggleAttribute('disabled', !(nameOk && definitionOk));
    saveHint.textContent = !definitionOk ? 'Saving needs a definition without errors.'
      : !nameOk ? 'Give the state machine a name to create it.' : '';
  };

  const validate = async () => {
    clearTimeout(timer);
    const text = definition.value;
    const mine = ++generation;
    validText = null;
    refreshSave();
    if (!text.trim()) {
      setStatus('pending', 'Paste a definition, or upload a file.');
      diagnosticsBox.replaceChildren();
      return;
    }
    setStatus('pending', 'Validating…');
    let response;
    try {
      response = await call('ValidateStateMachineDefinition', { definition: text, type: machine?.type ?? typeSelect.value, severity: 'WARNING' }, signal);
    } catch (err) {
      if (signal.aborted || mine !== generation) return;
      setStatus('error', 'The definition could not be validated.');
      fill(diagnosticsBox, errorPanel('the diagnostics', err));
      return;
    }
    if (signal.aborted || mine !== generation) return;
    const ok = response.result === 'OK';
    validText = ok ? text : null;
    setStatus(ok ? 'ok' : 'error', ok ? 'The definition is valid.' : 'The definition has errors; fix them to save.');
    /** @type {import('../diagnostics.js').Diagnostic[]} */
    const diagnostics = response.diagnostics ?? [];
    fill(diagnosticsBox, diagnosticsList(diagnostics, showLocation, response.truncated));
    refreshSave();
    const flagged = new Set(diagnostics.map((diagnostic) => stateOfPointer(diagnostic.location ?? '')).filter((name) => name !== null));
    if (!isJson(text)) {
      graph.note('The graph appears once the definition is JSON.');
      return;
    }
    if (await graph.preview(text, signal) && mine === generation) graph.flag(/** @type {Set<string>} */ (flagged));
  };

  /**
   * @param {'pending' | 'ok' | 'error'} kind
   * @param {string} text
   */
  const setStatus = (kind, text) => {
    validationStatus.className = `validation-status validation-${kind}`;
    validationStatus.textContent = text;
  };

  /** @param {import('../diagnostics.js').Diagnostic} diagnostic */
  const showLocation = (diagnostic) => {
    const span = spanOfLocation(definition.value, diagnostic.location);
    definition.focus();
    if (!span) return;
    definition.setSelectionRange(span.start, Math.min(span.end, span.start + 2000));
    const lineHeight = parseFloat(getComputedStyle(definition).lineHeight) || 18;
    definition.scrollTop = Math.max(0, (lineOf(definition.value, span.start) - 4) * lineHeight);
  };

  /** @param {string} text */
  const load = (text) => {
    definition.value = text;
    validate();
  };

  definition.addEventListener('input', () => {
    validText = null;
    refreshSave();
    setStatus('pending', 'Waiting for you to stop typing…');
    clearTimeout(timer);
    timer = setTimeout(validate, VALIDATE_AFTER_MS);
  });
  definition.addEventListener('keydown', (event) => {
    // Tab indents inside the editor; Escape then Tab leaves it, as in other code editors.
    if (event.key === 'Tab' && !event.shiftKey && !definition.dataset.escaped) {
      event.preventDefault();
      definition.setRangeText('  ', definition.selectionStart, definition.selectionEnd, 'end');
      definition.dispatchEvent(new Event('input'));
    }
    if (event.key === 'Escape') definition.dataset.escaped = 'true';
    else if (event.key !== 'Tab') delete definition.dataset.escaped;
  });
  definition.addEventListener('dragover', (event) => event.preventDefault());
  definition.addEventListener('drop', async (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    load(await file.text());
  });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) load(await file.text());
    fileInput.value = '';
  });
  nameInput.addEventListener('input', () => {
    nameProblem.textContent = nameInput.value && !NAME_PATTERN.test(nameInput.value)
      ? 'Use 1 to 80 letters, digits, hyphens and underscores.'
      : '';
    nameInput.setAttribute('aria-invalid', String(Boolean(nameProblem.textContent)));
    refreshSave();
  });
  typeSelect.addEventListener('change', validate);
  signal.addEventListener('abort', () => clearTimeout(timer));

  const form = h('form', { class: 'editor', novalidate: true, onsubmit: async (/** @type {Event} */ event) => {
    event.preventDefault();
    if (saveButton.hasAttribute('disabled')) return;
    saveError.replaceChildren();
    saveButton.setAttribute('disabled', '');
    try {
      let target = arn;
      if (machine) {
        await call('UpdateStateMachine', { stateMachineArn: arn, definition: definition.value });
        toast('Definition saved');
      } else {
        const created = await call('CreateStateMachine', {
          name: nameInput.value, definition: definition.value, roleArn: roleInput.value, type: typeSelect.value,
        });
        target = created.stateMachineArn;
        toast(`Created ${nameInput.value}`);
      }
      location.hash = pageOf('state-machines', /** @type {string} */ (target));
    } catch (err) {
      const type = err instanceof ApiError ? err.type : 'Error';
      fill(saveError, h('div', { class: 'notice notice-error' }, h('strong', null, 'Not saved. '), h('code', null, type), ' ', /** @type {Error} */ (err).message));
      refreshSave();
    }
  } },
  h('div', { class: 'editor-main' },
    machine ? null : h('div', { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: 'machine-name' }, 'Name'), nameInput, nameProblem),
      h('div', { class: 'field' }, h('label', { for: 'machine-type' }, 'Type'), typeSelect),
      h('div', { class: 'field field-wide' }, h('label', { for: 'machine-role' }, 'Role ARN'), roleInput)),
    h('div', { class: 'field' },
      h('div', { class: 'label-row' },
        h('label', { for: 'definition' }, 'Definition (Amazon States Language, JSON)'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button-small', onclick: () => fileInput.click() }, 'Upload file…'),
          fileInput,
          h('button', { type: 'button', class: 'button button-small', onclick: () => {
            const formatted = pretty(definition.value);
            if (formatted !== definition.value) load(formatted);
          } }, 'Format'))),
      definition,
      h('p', { class: 'muted small' }, 'Paste, type, upload or drop a file here. Tab indents; press Escape, then Tab, to move on.')),
    h('section', { class: 'field', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title', class: 'label-row' }, 'Graph'),
      graph.element)),
  h('aside', { class: 'editor-side card', 'aria-labelledby': 'diagnostics-title' },
    h('h2', { id: 'diagnostics-title' }, 'Validation'),
    validationStatus,
    diagnosticsBox,
    saveError,
    saveHint,
    h('div', { class: 'editor-actions' },
      h('a', { class: 'button', href: machine ? pageOf('state-machines', /** @type {string} */ (arn)) : '#/' }, 'Cancel'),
      saveButton)));

  fill(view,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' },
      h('a', { href: '#/' }, 'State machines'), ' / ',
      machine ? [h('a', { href: pageOf('state-machines', /** @type {string} */ (arn)) }, machine.name), ' / Edit'] : 'New'),
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, machine ? `Edit ${machine.name}` : 'New state machine')),
    form);
  validate();
}

/**
 * Whether `text` is JSON.
 *
 * @param {string} text
 */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A definition's text, pretty-printed when it is JSON.
 *
 * @param {string} text
 */
function pretty(text) {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}
