// A read-only JSON document with line numbers and colours, whose values can be pointed at
// by JSON pointer (to show where a diagnostic is).

import { h } from './dom.js';
import { lineOf, locate } from './json_locate.js';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

/**
 * One line of JSON as coloured spans.
 *
 * @param {string} line
 */
function colour(line) {
  const parts = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(line.slice(last, index));
    if (match[1] !== undefined) {
      parts.push(h('span', { class: match[2] ? 'j-key' : 'j-string' }, match[1]));
      if (match[2]) parts.push(match[2]);
    } else if (match[3] !== undefined) {
      parts.push(h('span', { class: 'j-number' }, match[3]));
    } else if (match[4] !== undefined) {
      parts.push(h('span', { class: 'j-literal' }, match[4]));
    } else {
      parts.push(h('span', { class: 'j-punct' }, match[5]));
    }
    last = index + match[0].length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}

/** A JSON document on screen. */
export class JsonView {
  /**
   * @param {unknown} value the document
   * @param {string} label what the document is, for screen readers
   */
  constructor(value, label) {
    this.text = JSON.stringify(value, null, 2) ?? 'null';
    this.spans = locate(this.text);
    this.lines = this.text.split('\n').map((line, idx) =>
      h('span', { class: 'json-line', dataset: { line: idx + 1 } }, colour(line), '\n'));
    this.element = h('pre', { class: 'json-view', tabindex: 0, 'aria-label': label }, h('code', null, this.lines));
  }

  /**
   * The first and last line (1-based) of the value at a pointer, or of the closest value
   * that contains it.
   *
   * @param {string} pointer
   * @returns {[number, number] | null}
   */
  linesOf(pointer) {
    let at = pointer;
    while (at && !this.spans.has(at)) at = at.slice(0, at.lastIndexOf('/'));
    const span = this.spans.get(at);
    if (!span) return null;
    return [lineOf(this.text, span.start), lineOf(this.text, Math.max(span.start, span.end - 1))];
  }

  /**
   * Marks the lines of the values at these pointers as having a problem.
   *
   * @param {string[]} pointers
   */
  flag(pointers) {
    for (const line of this.lines) line.classList.remove('flagged');
    for (const pointer of pointers) {
      const range = this.linesOf(pointer);
      if (range) this.lines[range[0] - 1].classList.add('flagged');
    }
  }

  /**
   * Scrolls to the value at a pointer and highlights its lines for a moment.
   *
   * @param {string} pointer
   */
  reveal(pointer) {
    const range = this.linesOf(pointer);
    if (!range) return;
    for (const line of this.lines) line.classList.remove('revealed');
    const [first, last] = range;
    for (let idx = first; idx <= Math.min(last, first + 40); idx++) this.lines[idx - 1].classList.add('revealed');
    this.lines[first - 1].scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}
