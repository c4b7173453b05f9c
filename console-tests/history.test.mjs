// What the console reads from an execution history (crates/console/assets/history.js), on
// histories recorded from statewright and on small hand-written ones: each state's status,
// its visits with their Map iteration or Parallel branch, attempts, failures and timing.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { analyse } from '../crates/console/assets/history.js';

/**
 * A recorded history from `fixtures/`.
 *
 * @param {string} name
 */
function fixture(name) {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}.history.json`, import.meta.url), 'utf8'));
}

/**
 * Checks the statuses and the visits (`name status context`) a history gives.
 *
 * @param {any[]} events
 * @param {Record<string, string>} statuses
 * @param {string[]} visits
 */
function check(events, statuses, visits) {
  const analysis = analyse(events);
  assert.deepEqual(Object.fromEntries(analysis.statuses), statuses);
  assert.deepEqual(analysis.visits.map((visit) => `${visit.name} ${visit.status} ${visit.context}`.trim()), visits);
  return analysis;
}

/** A history event, for hand-written histories (one second apart). */
let lastId = 0;
function event(type, previousEventId, details = {}) {
  lastId++;
  const key = type.endsWith('StateEntered') ? 'stateEnteredEventDetails'
    : type.endsWith('StateExited') ? 'stateExitedEventDetails'
      : `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
  return { id: lastId, previousEventId, timestamp: 1_700_000_000 + lastId, type, ...(Object.keys(details).length ? { [key]: details } : {}) };
}

test('Parallel branches, Map iterations, a retried and caught task, and a Fail state', () => {
  const analysis = check(fixture('parallel-map-catch'), {
    P: 'succeeded', A: 'succeeded', B: 'succeeded', B2: 'succeeded',
    M: 'succeeded', I: 'succeeded', T: 'caught', F: 'failed',
  }, [
    'P succeeded',
    'A succeeded branch 0',
    'B succeeded branch 1',
    'B2 succeeded branch 1',
    'M succeeded',
    'I succeeded iteration 0',
    'I succeeded iteration 1',
    'T caught',
    'F failed',
  ]);
  const [task] = analysis.visitsByName.get('T') ?? [];
  assert.equal(task.attempts, 2);
  assert.equal(task.failures.length, 2);
  assert.equal(task.error, 'Lambda.ResourceNotFoundException');
  assert.equal(task.exitedAt - task.enteredAt, 1007);
  const [fail] = analysis.visitsByName.get('F') ?? [];
  assert.equal(fail.error, 'Boom');
  assert.equal(fail.cause, 'it broke');
  const [map] = analysis.visitsByName.get('M') ?? [];
  assert.deepEqual([...map.iterations], [[0, 'succeeded'], [1, 'succeeded']]);
  // The events closing the Map and the Parallel state belong to them, not to a branch.
  assert.equal(analysis.visitOfEvent.get(10)?.name, 'P');
  assert.equal(analysis.visitOfEvent.get(11)?.name, 'P');
  assert.equal(analysis.visitOfEvent.get(22)?.name, 'M');
  assert.equal(analysis.visitOfEvent.get(1), undefined);
});

test('a running state is running, and what has not started is absent', () => {
  lastId = 0;
  check([
    event('ExecutionStarted', 0, { input: '{}' }),
    event('PassStateEntered', 0, { name: 'First', input: '{}' }),
    event('PassStateExited', 2, { name: 'First', output: '{}' }),
    event('WaitStateEntered', 3, { name: 'Pause', input: '{}' }),
  ], { First: 'succeeded', Pause: 'running' }, ['First succeeded', 'Pause running']);
});

test('stopping an execution cancels what ran', () => {
  lastId = 0;
  check([
    event('ExecutionStarted', 0, { input: '{}' }),
    event('WaitStateEntered', 0, { name: 'Pause', input: '{}' }),
    event('ExecutionAborted', 2, { error: 'Stop' }),
  ], { Pause: 'cancelled' }, ['Pause cancelled']);
});

test('a failure on entering a state fails that state with the execution error', () => {
  lastId = 0;
  const analysis = check([
    event('ExecutionStarted', 0, { input: '{}' }),
    event('MapStateEntered', 0, { name: 'Each', input: '{}' }),
    event('ExecutionFailed', 2, { error: 'States.Runtime', cause: 'no items' }),
  ], { Each: 'failed' }, ['Each failed']);
  assert.equal(analysis.visits[0].error, 'States.Runtime');
});

test('when one branch fails, the other is cancelled', () => {
  lastId = 0;
  check([
    event('ExecutionStarted', 0, { input: '{}' }),
    event('ParallelStateEntered', 0, { name: 'Both', input: '{}' }),
    event('ParallelStateStarted', 2),
    event('WaitStateEntered', 3, { name: 'Slow', input: '{}' }),
    event('FailStateEntered', 3, { name: 'Broken', input: '{}' }),
    event('ParallelStateFailed', 5, { error: 'Oops' }),
    event('ExecutionFailed', 6, { error: 'Oops' }),
  ], { Both: 'failed', Slow: 'cancelled', Broken: 'failed' }, [
    'Both failed',
    'Slow cancelled branch 0',
    'Broken failed branch 1',
  ]);
});
