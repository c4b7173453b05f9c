// What an execution's history says about its states: each visit of each state (its input,
// output, failures, attempts and timing, and which Map iteration or Parallel branch it ran
// in), each state's status for the graph, and the step each event belongs to.
//
// Events are linked by `previousEventId`: a state's events chain back to its `...Entered`
// event, a branch's first state to `ParallelStateStarted` and an iteration's first state to
// `MapIterationStarted`. The events that close a Map or a Parallel state point at the last
// event of a branch or an iteration, so they are matched to the visit by name, up the chain
// of enclosing visits.

/**
 * @typedef {{id: number, previousEventId?: number, timestamp: number, type: string, [key: string]: any}} HistoryEvent
 *
 * @typedef {object} Failure
 * @property {number} eventId
 * @property {string} type
 * @property {string | undefined} error
 * @property {string | undefined} cause
 * @property {number} at epoch milliseconds
 *
 * @typedef {object} Visit one time a state was entered
 * @property {number} id the `...StateEntered` event's id
 * @property {string} name
 * @property {string} stateType `Task`, `Map`, ...
 * @property {Visit | null} parent the Map or Parallel visit it runs in
 * @property {string} context `iteration 2`, `branch 1 › iteration 0`, or empty at the top
 * @property {number} enteredAt epoch milliseconds
 * @property {number | undefined} exitedAt epoch milliseconds
 * @property {string | undefined} input
 * @property {string | undefined} output
 * @property {string} status running, succeeded, failed, caught or cancelled
 * @property {boolean} closed
 * @property {'failed' | 'ok' | null} lastOutcome
 * @property {number} attempts task attempts (scheduled events)
 * @property {Failure[]} failures
 * @property {string | undefined} error the last failure's (or the execution's) error
 * @property {string | undefined} cause
 * @property {number[]} eventIds
 * @property {number} nBranches branches started so far (Parallel)
 * @property {Map<number, string>} iterations Map iteration index → status
 *
 * @typedef {object} Analysis
 * @property {Visit[]} visits in the order they were entered
 * @property {Map<string, Visit[]>} visitsByName
 * @property {Map<string, string>} statuses state name → status
 * @property {Map<number, Visit>} visitOfEvent
 * @property {number} startedAt epoch milliseconds of the first event
 */

/** When a state has several visits, the status shown is the first of these that one has. */
const PRIORITY = ['failed', 'running', 'cancelled', 'caught', 'succeeded'];

/**
 * The details member of an event (`taskFailedEventDetails`, ...), or an empty object.
 *
 * @param {HistoryEvent} event
 * @returns {Record<string, any>}
 */
export function detailsOf(event) {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') return value;
  }
  return {};
}

/**
 * Whether an event reports a failure of the work inside a state (a task, a branch, the Map).
 *
 * @param {string} type
 */
export function isFailure(type) {
  return /(Failed|TimedOut)$/.test(type) && !type.startsWith('Execution') && !type.startsWith('MapIteration');
}

/**
 * @param {string} type
 */
function isSuccess(type) {
  return type.endsWith('Succeeded') && !type.startsWith('Execution') && !type.startsWith('MapIteration');
}

/**
 * Reads a history (in event order) into visits and statuses.
 *
 * @param {HistoryEvent[]} events
 * @returns {Analysis}
 */
export function analyse(events) {
  /** @type {Visit[]} */
  const visits = [];
  /** @type {Map<string, Visit[]>} */
  const visitsByName = new Map();
  /** @type {Map<number, Visit>} */
  const visitOfEvent = new Map();
  /** @type {Map<number, HistoryEvent>} */
  const eventsById = new Map();
  /** @type {Set<Visit>} */
  const open = new Set();

  /**
   * @param {Visit | null | undefined} visit
   * @param {string} name
   */
  const ancestorNamed = (visit, name) => {
    let at = visit;
    while (at && at.name !== name) at = at.parent;
    if (at) return at;
    // Not in the chain: the latest open visit of that name is the best guess.
    const candidates = (visitsByName.get(name) ?? []).filter((candidate) => !candidate.closed);
    return candidates[candidates.length - 1] ?? null;
  };

  /**
   * @param {Visit} visit
   * @param {Visit} ancestor
   */
  const isInside = (visit, ancestor) => {
    for (let at = visit.parent; at; at = at.parent) if (at === ancestor) return true;
    return false;
  };

  /**
   * @param {Visit} visit
   * @param {string} status
   * @param {number} at
   */
  const close = (visit, status, at) => {
    visit.closed = true;
    visit.status = status;
    visit.exitedAt ??= at;
    open.delete(visit);
  };

  /**
   * Closes what still ran inside a visit that ended: a branch or iteration that was stopped.
   *
   * @param {Visit} visit
   * @param {number} at
   */
  const closeInside = (visit, at) => {
    for (const inner of [...open]) {
      if (isInside(inner, visit)) close(inner, failedItself(inner) ? 'failed' : 'cancelled', at);
    }
  };

  /** @param {Visit} visit */
  const failedItself = (visit) => visit.lastOutcome === 'failed' || visit.stateType === 'Fail';

  for (const event of events) {
    eventsById.set(event.id, event);
    const details = detailsOf(event);
    const at = Math.round(event.timestamp * 1000);
    const previousEvent = eventsById.get(event.previousEventId ?? 0);
    const previous = visitOfEvent.get(event.previousEventId ?? 0) ?? null;

    if (event.type.startsWith('Execution')) {
      if (event.type === 'ExecutionStarted') continue;
      finish(event, details, at, previous);
      continue;
    }

    /** @type {Visit | null} */
    let visit;
    if (event.stateEnteredEventDetails) {
      let parent = null;
      let context = '';
      if (previousEvent?.type === 'MapIterationStarted' && previous) {
        parent = previous;
        context = join(previous.context, `iteration ${detailsOf(previousEvent).index}`);
      } else if (previousEvent?.type === 'ParallelStateStarted' && previous) {
        parent = previous;
        context = join(previous.context, `branch ${previous.nBranches++}`);
      } else if (previous) {
        parent = previous.closed ? previous.parent : previous;
        context = previous.context;
      }
      visit = {
        id: event.id,
        name: details.name,
        stateType: event.type.replace(/StateEntered$/, ''),
        parent,
        context,
        enteredAt: at,
        exitedAt: undefined,
        input: details.input,
        output: undefined,
        status: 'running',
        closed: false,
        lastOutcome: null,
        attempts: 0,
        failures: [],
        error: undefined,
        cause: undefined,
        eventIds: [],
        nBranches: 0,
        iterations: new Map(),
      };
      visits.push(visit);
      open.add(visit);
      const same = visitsByName.get(visit.name) ?? [];
      same.push(visit);
      visitsByName.set(visit.name, same);
    } else if (typeof details.name === 'string' && (event.stateExitedEventDetails || event.type.startsWith('MapIteration'))) {
      visit = ancestorNamed(previous, details.name);
    } else if (/^(Parallel|Map)State/.test(event.type)) {
      // The Parallel or Map state's own events: the nearest one around the previous event.
      const stateType = event.type.startsWith('Parallel') ? 'Parallel' : 'Map';
      visit = previous;
      while (visit && visit.stateType !== stateType) visit = visit.parent;
    } else {
      visit = previous;
      while (visit?.closed) visit = visit.parent;
    }
    if (!visit) continue;
    visitOfEvent.set(event.id, visit);
    visit.eventIds.push(event.id);

    if (event.stateExitedEventDetails) {
      visit.output = details.output;
      visit.exitedAt = at;
      closeInside(visit, at);
      close(visit, visit.lastOutcome === 'failed' ? 'caught' : 'succeeded', at);
    } else if (event.type.endsWith('Scheduled')) {
      visit.attempts++;
    } else if (event.type.startsWith('MapIteration')) {
      const index = Number(details.index);
      const status = { Started: 'running', Succeeded: 'succeeded', Failed: 'failed', Aborted: 'cancelled' }[event.type.slice('MapIteration'.length)];
      if (status) visit.iterations.set(index, status);
    } else if (isFailure(event.type)) {
      visit.lastOutcome = 'failed';
      visit.error = details.error;
      visit.cause = details.cause;
      visit.failures.push({ eventId: event.id, type: event.type, error: details.error, cause: details.cause, at });
    } else if (isSuccess(event.type)) {
      visit.lastOutcome = 'ok';
    }
  }

  /**
   * The end of the execution: what still runs stops, and what made it fail is marked so.
   *
   * @param {HistoryEvent} event
   * @param {Record<string, any>} details
   * @param {number} at
   * @param {Visit | null} previous
   */
  function finish(event, details, at, previous) {
    if (event.type === 'ExecutionFailed' || event.type === 'ExecutionTimedOut') {
      /** @type {Set<Visit>} */
      const culprits = new Set();
      /** @param {Visit | null} visit */
      const blame = (visit) => {
        for (let at = visit; at; at = at.parent) culprits.add(at);
      };
      if (previous && !previous.closed) blame(previous);
      for (const visit of open) if (failedItself(visit)) blame(visit);
      for (const visit of [...open]) {
        if (culprits.has(visit)) {
          if (visit.error === undefined) {
            visit.error = details.error;
            visit.cause = details.cause;
          }
          close(visit, 'failed', at);
        } else {
          close(visit, 'cancelled', at);
        }
      }
    } else {
      for (const visit of [...open]) close(visit, 'cancelled', at);
    }
  }

  /** @type {Map<string, string>} */
  const statuses = new Map();
  for (const [name, all] of visitsByName) {
    const found = new Set(all.map((visit) => visit.status));
    statuses.set(name, PRIORITY.find((status) => found.has(status)) ?? 'not-started');
  }
  return {
    visits,
    visitsByName,
    statuses,
    visitOfEvent,
    startedAt: events.length ? Math.round(events[0].timestamp * 1000) : 0,
  };
}

/**
 * @param {string} outer
 * @param {string} inner
 */
function join(outer, inner) {
  return outer ? `${outer} › ${inner}` : inner;
}
