// Where each value of a JSON text starts and ends, by JSON pointer, so that a diagnostic's
// location (`/States/Fetch/Next`) can be shown on the line that holds it.

/**
 * Escapes one reference token of a JSON pointer (RFC 6901).
 *
 * @param {string} token
 */
export function escapeToken(token) {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The unescaped reference tokens of a JSON pointer.
 *
 * @param {string} pointer
 */
export function pointerTokens(pointer) {
  if (!pointer.startsWith('/')) return [];
  return pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The name of the state a pointer is in (`/States/Par/Branches/0/States/A/Next` is in `A`),
 * or `null` for a pointer outside every state.
 *
 * @param {string} pointer
 */
export function stateOfPointer(pointer) {
  const tokens = pointerTokens(pointer);
  let res = null;
  for (let idx = 0; idx + 1 < tokens.length; idx++) {
    if (tokens[idx] === 'States') res = tokens[idx + 1];
  }
  return res;
}

/**
 * The span of every value of `text`, which must be valid JSON, keyed by JSON pointer. An
 * object member's span starts at its key, so that its line is the one a reader looks for.
 *
 * @param {string} text
 * @returns {Map<string, {start: number, end: number}>}
 */
export function locate(text) {
  /** @type {Map<string, {start: number, end: number}>} */
  const spans = new Map();
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const readString = () => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at));
  };
  /**
   * @param {string} pointer
   * @param {number | null} keyStart
   */
  const readValue = (pointer, keyStart) => {
    skipSpace();
    const start = at;
    const first = text[at];
    if (first === '{' || first === '[') {
      const close = first === '{' ? '}' : ']';
      at++;
      skipSpace();
      let idx = 0;
      while (at < text.length && text[at] !== close) {
        if (first === '{') {
          const memberStart = at;
          const key = readString();
          skipSpace();
          at++; // The colon.
          readValue(`${pointer}/${escapeToken(key)}`, memberStart);
        } else {
          readValue(`${pointer}/${idx++}`, null);
        }
        skipSpace();
        if (text[at] === ',') {
          at++;
          skipSpace();
        }
      }
      at++;
    } else if (first === '"') {
      readString();
    } else {
      while (at < text.length && !',}] \t\n\r'.includes(text[at])) at++;
    }
    spans.set(pointer, { start: keyStart ?? start, end: at });
  };
  readValue('', null);
  return spans;
}

/**
 * The 1-based line of an offset in a text.
 *
 * @param {string} text
 * @param {number} offset
 */
export function lineOf(text, offset) {
  let line = 1;
  for (let idx = 0; idx < offset && idx < text.length; idx++) {
    if (text[idx] === '\n') line++;
  }
  return line;
}

/**
 * The place a diagnostic's location names in a definition's text: a JSON pointer, or the
 * `line: N, column: M` of a JSON syntax error. `null` when it names no place in this text.
 *
 * @param {string} text
 * @param {string | undefined} location
 * @returns {{start: number, end: number} | null}
 */
export function spanOfLocation(text, location) {
  if (!location) return null;
  if (location.startsWith('/')) {
    let spans;
    try {
      JSON.parse(text);
      spans = locate(text);
    } catch {
      return null;
    }
    // A pointer to a member that is missing is shown on the object that lacks it.
    let pointer = location;
    while (pointer && !spans.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    return spans.get(pointer) ?? null;
  }
  const match = /line: (\d+), column: (\d+)/.exec(location);
  if (!match) return null;
  const lines = text.split('\n');
  const line = Math.min(Number(match[1]), lines.length);
  let start = 0;
  for (let idx = 0; idx < line - 1; idx++) start += lines[idx].length + 1;
  start += Math.max(0, Math.min(Number(match[2]) - 1, lines[line - 1].length));
  return { start, end: Math.min(start + 1, text.length) };
}
