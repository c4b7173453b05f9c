// The graph panel: the SVG that `GET /console/api/graph.svg` draws for a definition, with
// each state's node (`[data-state-id="NAME"]` or `[data-state-name="NAME"]`) coloured by one
// status class and selectable. Without a graph (the endpoint answers anything but an SVG),
// the panel says so quietly and everything else works without it.

import { fill, h } from './dom.js';
import { pointerTokens } from './json_locate.js';
import { STATE_STATUSES } from './status.js';

const NODE_SELECTOR = '[data-state-id], [data-state-name]';

/**
 * The state name a node stands for. A JSON pointer (`/States/Par/Branches/0/States/A`) is
 * accepted too, and names its last state.
 *
 * @param {Element} node
 */
export function stateNameOf(node) {
  const value = node.getAttribute('data-state-id') ?? node.getAttribute('data-state-name') ?? '';
  if (!value.startsWith('/')) return value;
  const tokens = pointerTokens(value);
  return tokens[tokens.length - 1] ?? value;
}

/** A graph panel. */
export class GraphPanel {
  /**
   * @param {string} query `stateMachineArn=...` or `executionArn=...`
   * @param {(name: string) => void} [onSelect] called when a state's node is chosen
   */
  constructor(query, onSelect) {
    this.query = query;
    this.onSelect = onSelect;
    /** @type {SVGSVGElement | null} */
    this.svg = null;
    this.element = h('div', { class: 'graph', 'aria-busy': 'true' }, h('p', { class: 'graph-note' }, 'Loading the graph…'));
  }

  /**
   * Fetches the graph and puts it in the panel.
   *
   * @param {AbortSignal} [signal]
   * @returns {Promise<boolean>} whether there is a graph
   */
  async load(signal) {
    let svg = null;
    try {
      const response = await fetch(`/console/api/graph.svg?${this.query}`, { signal });
      const type = response.headers.get('Content-Type') ?? '';
      if (response.status === 200 && type.includes('svg')) {
        const doc = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
        const root = doc.documentElement;
        if (root.localName === 'svg' && !doc.querySelector('parsererror')) {
          svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (document.importNode(root, true)));
        }
      }
    } catch {
      // An unreachable or unreadable graph is shown as unavailable, like a missing one.
    }
    this.element.removeAttribute('aria-busy');
    if (!svg) {
      this.element.classList.add('graph-unavailable');
      fill(this.element, h('p', { class: 'graph-note' }, 'Graph unavailable'));
      return false;
    }
    for (const node of svg.querySelectorAll('script, foreignObject')) node.remove();
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', 'Graph of the state machine');
    for (const node of svg.querySelectorAll(NODE_SELECTOR)) {
      const name = stateNameOf(node);
      node.classList.add('graph-state');
      if (!this.onSelect) continue;
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'button');
      node.setAttribute('aria-label', `State ${name}`);
      node.addEventListener('click', () => this.onSelect?.(name));
      node.addEventListener('keydown', (event) => {
        const key = /** @type {KeyboardEvent} */ (event).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          this.onSelect?.(name);
        }
      });
    }
    this.svg = svg;
    fill(this.element, svg);
    return true;
  }

  /** @returns {Element[]} */
  nodes() {
    return this.svg ? [...this.svg.querySelectorAll(NODE_SELECTOR)] : [];
  }

  /**
   * Gives every state node the class of its status; states not in `statuses` have not
   * started.
   *
   * @param {Map<string, string>} statuses state name → status
   */
  colour(statuses) {
    for (const node of this.nodes()) {
      const status = statuses.get(stateNameOf(node)) ?? 'not-started';
      for (const name of STATE_STATUSES) node.classList.toggle(name, name === status);
    }
  }

  /**
   * Marks one state's node as chosen (or none).
   *
   * @param {string | null} name
   */
  select(name) {
    for (const node of this.nodes()) {
      const chosen = stateNameOf(node) === name;
      node.classList.toggle('selected', chosen);
      if (this.onSelect) node.setAttribute('aria-pressed', String(chosen));
    }
  }

  /**
   * Marks the nodes of the states that have a diagnostic.
   *
   * @param {Set<string>} names
   */
  flag(names) {
    for (const node of this.nodes()) node.classList.toggle('has-diagnostic', names.has(stateNameOf(node)));
  }
}
