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
    /** @type {ZoomPan | null} */
    this.view = null;
    this.element = h('div', { class: 'graph', 'aria-busy': 'true' }, h('p', { class: 'graph-note' }, 'Loading the graph…'));
  }

  /**
   * Fetches the graph and puts it in the panel.
   *
   * @param {AbortSignal} [signal]
   * @returns {Promise<boolean>} whether there is a graph
   */
  async load(signal) {
    return this.show(() => fetch(`/console/api/graph.svg?${this.query}`, { signal }));
  }

  /**
   * Draws a definition that is not saved (the editor's preview).
   *
   * @param {string} definition
   * @param {AbortSignal} [signal]
   * @returns {Promise<boolean>} whether there is a graph
   */
  async preview(definition, signal) {
    return this.show(() => fetch('/console/api/graph.svg', { method: 'POST', body: definition, signal }));
  }

  /**
   * Shows a note instead of a graph.
   *
   * @param {string} text
   */
  note(text) {
    this.svg = null;
    this.view = null;
    this.element.removeAttribute('aria-busy');
    this.element.classList.add('graph-unavailable');
    fill(this.element, h('p', { class: 'graph-note' }, text));
  }

  /**
   * Puts the SVG that `request` answers in the panel, or says the graph is unavailable.
   *
   * @param {() => Promise<Response>} request
   * @returns {Promise<boolean>}
   */
  async show(request) {
    let svg = null;
    try {
      const response = await request();
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
    if (!svg) {
      this.note('Graph unavailable');
      return false;
    }
    this.element.removeAttribute('aria-busy');
    this.element.classList.remove('graph-unavailable');
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
      node.addEventListener('click', () => {
        if (!this.view?.dragged) this.onSelect?.(name);
      });
      node.addEventListener('keydown', (event) => {
        const key = /** @type {KeyboardEvent} */ (event).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          this.onSelect?.(name);
        }
      });
    }
    this.svg = svg;
    this.view = new ZoomPan(svg);
    fill(this.element, svg, this.view.controls);
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

/** The smallest and largest zoom. */
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;

/**
 * Zoom and pan for an SVG, by changing its `viewBox`: buttons (zoom in, zoom out, fit),
 * Ctrl or ⌘ with the wheel around the pointer, and dragging.
 */
class ZoomPan {
  /** @param {SVGSVGElement} svg */
  constructor(svg) {
    this.svg = svg;
    const box = svg.viewBox.baseVal;
    /** The whole drawing. */
    this.full = { x: box.x, y: box.y, width: box.width || 1, height: box.height || 1 };
    this.zoom = 1;
    this.x = this.full.x;
    this.y = this.full.y;
    /** Whether the pointer moved since it went down (a drag, not a click). */
    this.dragged = false;
    this.controls = h('div', { class: 'graph-controls', role: 'toolbar', 'aria-label': 'Graph view' },
      h('button', { type: 'button', class: 'button button-small', 'aria-label': 'Zoom in', title: 'Zoom in', onclick: () => this.scale(1.25) }, '+'),
      h('button', { type: 'button', class: 'button button-small', 'aria-label': 'Zoom out', title: 'Zoom out', onclick: () => this.scale(0.8) }, '−'),
      h('button', { type: 'button', class: 'button button-small', 'aria-label': 'Fit the graph', title: 'Fit', onclick: () => this.fit() }, 'Fit'));
    svg.addEventListener('wheel', (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      this.scale(event.deltaY < 0 ? 1.1 : 1 / 1.1, event);
    }, { passive: false });
    /** @type {{ x: number, y: number, fromX: number, fromY: number } | null} */
    let drag = null;
    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, fromX: this.x, fromY: this.y };
      this.dragged = false;
    });
    svg.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!this.dragged && Math.hypot(dx, dy) < 4) return;
      if (!this.dragged) svg.setPointerCapture(event.pointerId);
      this.dragged = true;
      const perPixel = this.unitsPerPixel();
      this.x = drag.fromX - dx * perPixel;
      this.y = drag.fromY - dy * perPixel;
      this.apply();
    });
    const end = () => { drag = null; };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
  }

  /** How many SVG units one screen pixel spans at this zoom. */
  unitsPerPixel() {
    const width = this.svg.getBoundingClientRect().width || this.full.width;
    return this.full.width / this.zoom / width;
  }

  /**
   * Zooms by `factor`, around the pointer or the middle.
   *
   * @param {number} factor
   * @param {{ clientX: number, clientY: number }} [at]
   */
  scale(factor, at) {
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.zoom * factor));
    const width = this.full.width / this.zoom;
    const height = this.full.height / this.zoom;
    const rect = this.svg.getBoundingClientRect();
    const fx = at && rect.width ? (at.clientX - rect.left) / rect.width : 0.5;
    const fy = at && rect.height ? (at.clientY - rect.top) / rect.height : 0.5;
    const newWidth = this.full.width / zoom;
    const newHeight = this.full.height / zoom;
    this.x += (width - newWidth) * fx;
    this.y += (height - newHeight) * fy;
    this.zoom = zoom;
    this.apply();
  }

  /** Shows the whole graph again. */
  fit() {
    this.zoom = 1;
    this.x = this.full.x;
    this.y = this.full.y;
    this.apply();
  }

  apply() {
    const width = this.full.width / this.zoom;
    const height = this.full.height / this.zoom;
    this.svg.setAttribute('viewBox', `${this.x} ${this.y} ${width} ${height}`);
    this.svg.dataset.zoom = this.zoom.toFixed(2);
  }
}
