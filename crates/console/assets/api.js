// Calls to the Step Functions API (AWS JSON 1.0 on `POST /`), the same protocol the AWS SDKs
// speak, and to the console's own read-only endpoints under `/console/api/`.

/** A refused or failed call: `type` is the AWS exception name (`ExecutionDoesNotExist`). */
export class ApiError extends Error {
  /**
   * @param {string} type
   * @param {string} message
   * @param {number} status
   */
  constructor(type, message, status) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }
}

/**
 * Calls one operation (`ListStateMachines`, `StartExecution`, ...) and returns its response.
 *
 * @param {string} operation
 * @param {Record<string, unknown>} [body]
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function call(operation, body = {}, signal = undefined) {
  let response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${operation}`,
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('NetworkError', 'The server could not be reached. Is statewright still running?', 0);
  }
  const text = await response.text();
  /** @type {any} */
  let data = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError('InvalidResponse', `The server answered ${operation} with something that is not JSON.`, response.status);
  }
  if (!response.ok) {
    const type = String(data.__type ?? '').split('#').pop() || `HTTP ${response.status}`;
    throw new ApiError(type, data.message ?? data.Message ?? response.statusText, response.status);
  }
  return data;
}

/**
 * Every item of a paged listing, following `nextToken` for up to `maxPages` pages.
 *
 * @param {string} operation
 * @param {Record<string, unknown>} body
 * @param {string} key the member holding the items (`stateMachines`, `events`)
 * @param {{maxPages?: number, signal?: AbortSignal}} [options]
 * @returns {Promise<{items: any[], complete: boolean}>}
 */
export async function listAll(operation, body, key, { maxPages = 100, signal } = {}) {
  const items = [];
  let nextToken;
  for (let page = 0; page < maxPages; page++) {
    const response = await call(operation, { ...body, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }, signal);
    items.push(...(response[key] ?? []));
    nextToken = response.nextToken;
    if (!nextToken) return { items, complete: true };
  }
  return { items, complete: false };
}

/** @type {Promise<{version: string, account: string, region: string}> | null} */
let info = null;

/** The server's version and the account and region of its ARNs, asked once. */
export function serverInfo() {
  info ??= fetch('/console/api/info')
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
    .catch(() => ({ version: '', account: '000000000000', region: 'us-east-1' }));
  return info;
}

/**
 * What started an execution that a trigger started: the event an EventBridge rule matched
 * and the rule's target that started it (`GET /console/api/trigger`).
 *
 * @typedef {object} Trigger
 * @property {string} eventId
 * @property {string} ruleArn
 * @property {string} ruleName
 * @property {string} targetId
 * @property {string | null} source the event's `source`
 * @property {string | null} detailType the event's `detail-type`
 * @property {string | null} time the event's `time`
 * @property {number} deliveredAtMs when the delivery was made, epoch milliseconds
 * @property {number} attempts how many tries it took to start the execution
 * @property {unknown} event the whole event
 */

/**
 * The trigger that started an execution, or `null` when a client started it (most
 * executions) or the server cannot say, which the page shows alike: as nothing.
 *
 * @param {string} executionArn
 * @param {AbortSignal} [signal]
 * @returns {Promise<Trigger | null>}
 */
export async function triggerOf(executionArn, signal = undefined) {
  // `none=204` asks for an empty answer, not a 404, when no trigger started it: browsers log
  // every response of 400 or more as an error, and most executions have no trigger.
  try {
    const response = await fetch(`/console/api/trigger?executionArn=${encodeURIComponent(executionArn)}&none=204`, { signal });
    return response.status === 200 ? await response.json() : null;
  } catch {
    return null;
  }
}
