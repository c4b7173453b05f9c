// How times, durations and payloads are written everywhere in the console.

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/**
 * An API timestamp (epoch seconds) as a local date and time.
 *
 * @param {number | undefined} seconds
 */
export function formatDate(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  return dateTime.format(new Date(seconds * 1000));
}

/**
 * An API timestamp as an ISO string, for tooltips and `<time datetime>`.
 *
 * @param {number} seconds
 */
export function isoDate(seconds) {
  return new Date(seconds * 1000).toISOString();
}

/**
 * A duration in milliseconds, short and readable: `350 ms`, `2.05 s`, `3 min 4 s`.
 *
 * @param {number | undefined} ms
 */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h`;
}

/**
 * A JSON document given as text (as the API gives inputs and outputs), pretty-printed; text
 * that is not JSON is shown as it is.
 *
 * @param {string | undefined} text
 */
export function prettyJson(text) {
  if (text === undefined || text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * A history event's details with its JSON-in-a-string members (inputs, outputs, parameters)
 * opened up, pretty-printed.
 *
 * @param {Record<string, any>} details
 */
export function prettyDetails(details) {
  /** @type {Record<string, any>} */
  const res = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        res[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the text.
      }
    }
    res[key] = value;
  }
  return JSON.stringify(res, null, 2);
}
