// Building DOM nodes without HTML strings, so that names and payloads from the server are
// always text, never markup.

/**
 * An element with attributes, event listeners (`onclick`) and children; `null`, `undefined`
 * and `false` children and attributes are left out.
 *
 * @param {string} tag
 * @param {Record<string, any> | null} [props]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, props = null, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'value') /** @type {HTMLInputElement} */ (node).value = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/**
 * Appends children (nodes, strings, numbers, nested arrays) to a node.
 *
 * @param {Node} node
 * @param {any[]} children
 */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A hash link to a console page.
 *
 * @param {string} href
 * @param {...any} children
 */
export function link(href, ...children) {
  return h('a', { href }, ...children);
}

/**
 * The hash of a state machine's or an execution's page. ARNs keep their colons readable.
 *
 * @param {'state-machines' | 'executions'} kind
 * @param {string} arn
 * @param {string} [suffix]
 */
export function pageOf(kind, arn, suffix = '') {
  return `#/${kind}/${encodeURIComponent(arn).replace(/%3A/gi, ':')}${suffix}`;
}

/**
 * A short message that disappears by itself.
 *
 * @param {string} message
 * @param {'info' | 'error'} [kind]
 */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const item = h('div', { class: `toast toast-${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), 4000);
}

/**
 * A panel saying that something could not be loaded.
 *
 * @param {string} what
 * @param {unknown} err
 */
export function errorPanel(what, err) {
  const message = err instanceof Error ? err.message : String(err);
  const type = /** @type {any} */ (err)?.type;
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('strong', null, `Could not load ${what}.`), ' ',
    type ? h('code', null, type) : null, ' ', message);
}

/**
 * Replaces a node's children, leaving out `null`, `undefined` and `false` (which the DOM's
 * own `replaceChildren` would write out as text).
 *
 * @param {Node & ParentNode} node
 * @param {...any} children
 */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
}
