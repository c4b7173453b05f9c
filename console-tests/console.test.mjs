// Journeys through the web console in a real browser: Debian's Chromium driven by
// playwright-core, against a real `statewright serve --in-memory` on a port the system picks.
//
// Each test opens its own page, fails on any error the browser reports (console errors,
// failed requests, uncaught exceptions), and saves a screenshot named after it into
// SCREENSHOT_DIR (a temporary directory by default).
//
// Run with `STATEWRIGHT_BIN=../target/debug/statewright node --test`; the Rust test
// `crates/statewright/tests/console.rs` does that from `cargo nextest run`.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

const BINARY = process.env.STATEWRIGHT_BIN;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'statewright-console-screenshots');
const ROLE = 'arn:aws:iam::000000000000:role/statewright';

/** Chromium as this machine can run it: no sandbox, no GPU, nothing fetched from outside. */
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** @type {import('node:child_process').ChildProcess} */
let server;
/** @type {string} */
let base;
/** @type {import('playwright-core').BrowserContext} */
let browser;
/** @type {string} */
let profile;

before(async () => {
  assert.ok(BINARY, 'set STATEWRIGHT_BIN to the statewright binary');
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ server, base } = await startServer());
  profile = mkdtempSync(join(tmpdir(), 'statewright-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 860 },
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Starts `statewright serve --in-memory --port 0` and reads the port it chose from its log. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(/** @type {string} */ (BINARY), ['serve', '--in-memory', '--host', '127.0.0.1', '--port', '0'], {
      env: { ...process.env, RUST_LOG: 'info', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 30_000);
    child.stderr?.on('data', (chunk) => {
      log += chunk;
      const found = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve({ server: child, base: found[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log}`)));
  });
}

/**
 * Calls the Step Functions API, for setting a scene up.
 *
 * @param {string} operation
 * @param {Record<string, unknown>} body
 */
async function api(operation, body) {
  const response = await fetch(`${base}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  assert.ok(response.ok, `${operation}: ${JSON.stringify(data)}`);
  return data;
}

/**
 * Calls the EventBridge API (AWS JSON 1.1 on the same port), for setting a scene up.
 *
 * @param {string} operation
 * @param {Record<string, unknown>} body
 */
async function events(operation, body) {
  const response = await fetch(`${base}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSEvents.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  assert.ok(response.ok, `${operation}: ${JSON.stringify(data)}`);
  return data;
}

/**
 * Asks `probe` again every 100 ms until it answers something, for up to 10 seconds.
 *
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} probe
 * @returns {Promise<T>}
 */
async function eventually(what, probe) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    assert.ok(Date.now() < deadline, `${what} did not happen within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Creates a state machine and returns its ARN.
 *
 * @param {string} name
 * @param {object} definition
 */
async function createMachine(name, definition) {
  const { stateMachineArn } = await api('CreateStateMachine', { name, definition: JSON.stringify(definition), roleArn: ROLE });
  return /** @type {string} */ (stateMachineArn);
}

/**
 * The console's address of a page (`#/executions/ARN`).
 *
 * @param {string} hash
 */
function url(hash) {
  return `${base}/${hash}`;
}

/**
 * Runs a journey on a fresh page, then saves a screenshot and checks that the browser
 * reported no error.
 *
 * @param {string} name
 * @param {(page: import('playwright-core').Page) => Promise<void>} journey
 */
async function onPage(name, journey) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (request) => {
    // Requests a navigation cancels are not failures.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  try {
    await journey(page);
  } finally {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await page.close();
  }
  assert.deepEqual(errors, [], 'the browser reported errors');
}

test('the list shows a created machine, and its page its definition', async () => {
  const arn = await createMachine('listed', {
    StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: { hello: 'world' }, End: true } },
  });
  await onPage('machine-list', async (page) => {
    await page.goto(url('#/'));
    const row = page.locator('table.machines tbody tr', { hasText: 'listed' });
    await row.waitFor();
    assert.match(await row.innerText(), /STANDARD/);
    await row.locator('.counts', { hasText: 'none yet' }).waitFor();
    await row.getByRole('link', { name: 'listed' }).click();
    await page.getByRole('heading', { level: 1, name: /listed/ }).waitFor();
    assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/state-machines/${arn}`);
    await page.locator('.json-view', { hasText: '"hello": "world"' }).waitFor();
    await page.getByText('No problems found.').waitFor();
    // The graph: one node per state, and the edges start → Hello → end.
    await page.locator('.graph svg [data-state-name="Hello"]').waitFor();
    assert.equal(await page.locator('.graph svg [data-state-id]').count(), 1, 'one state node');
    assert.equal(await page.locator('.graph svg .sw-edge').count(), 2, 'two edges');
  });
});

test('an execution started from the dialog runs live: RUNNING to SUCCEEDED without a reload', async () => {
  const arn = await createMachine('waiting', {
    StartAt: 'Pause',
    States: { Pause: { Type: 'Wait', Seconds: 2, Next: 'Done' }, Done: { Type: 'Succeed' } },
  });
  await onPage('execution-live', async (page) => {
    await page.goto(url(`#/state-machines/${arn}`));
    await page.getByRole('button', { name: 'Start execution' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start an execution' });
    const input = dialog.getByLabel('Input (JSON)');

    // Invalid JSON is refused before anything is sent.
    await input.fill('{"order": ');
    await dialog.getByRole('button', { name: 'Start execution' }).click();
    await dialog.getByText('The input is not valid JSON').waitFor();
    assert.ok(await dialog.isVisible(), 'the dialog stays open');
    const { executions: none } = await api('ListExecutions', { stateMachineArn: arn });
    assert.equal(none.length, 0, 'nothing was started');

    await input.fill('{"order": 42}');
    await dialog.getByRole('button', { name: 'Start execution' }).click();
    await page.waitForURL(/#\/executions\//);
    await page.evaluate(() => { /** @type {any} */ (window).notReloaded = true; });

    await page.locator('#execution-status [data-status="RUNNING"]').waitFor();
    await page.locator('[data-state-name="Pause"].running').waitFor();
    assert.ok(await page.locator('[data-state-name="Done"]').evaluate((node) => node.classList.contains('not-started')));
    const whileRunning = await page.evaluate(() => ({
      rows: document.querySelectorAll('table.history tr.event').length,
      status: /** @type {HTMLElement | null} */ (document.querySelector('#execution-status [data-status]'))?.dataset.status,
    }));
    assert.deepEqual(whileRunning, { rows: 2, status: 'RUNNING' }, 'ExecutionStarted and WaitStateEntered, while running');
    const rowsWhileRunning = whileRunning.rows;

    await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor({ timeout: 10_000 });
    await page.locator('table.history tr.event', { hasText: 'ExecutionSucceeded' }).waitFor();
    assert.ok(await page.locator('table.history tr.event').count() > rowsWhileRunning, 'the history grew');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).notReloaded), true, 'the page was not reloaded');
    await page.locator('[data-state-name="Pause"].succeeded').waitFor();
    await page.locator('[data-state-name="Done"].succeeded').waitFor();
    assert.match(await page.locator('#execution-output').innerText(), /"order": 42/);
    assert.ok(await page.locator('#stop-execution').isHidden(), 'an ended execution cannot be stopped');

    // A state's details: chosen from the graph, with its timing.
    await page.locator('[data-state-name="Pause"]').click();
    const details = page.locator('#state-details');
    await details.getByRole('heading', { name: /Pause/ }).waitFor();
    assert.match(await details.innerText(), /Duration\s+2\.\d+ s/);

    // History details expand from the keyboard.
    const toggle = page.getByRole('button', { name: 'Details of event 2' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.locator('#event-details-2', { hasText: '"order": 42' }).waitFor();
  });
});

test('a failing execution shows its error and cause', async () => {
  const arn = await createMachine('failing', {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Pass', Next: 'Give up' },
      'Give up': { Type: 'Fail', Error: 'Orders.Rejected', Cause: 'the order has no items' },
    },
  });
  const { executionArn } = await api('StartExecution', { stateMachineArn: arn, input: '{"items": []}' });
  await onPage('execution-failed', async (page) => {
    await page.goto(url(`#/executions/${executionArn}`));
    await page.locator('#execution-status [data-status="FAILED"]').waitFor();
    assert.equal(await page.locator('#execution-error').innerText(), 'Orders.Rejected');
    assert.equal(await page.locator('#execution-cause').innerText(), 'the order has no items');
    const steps = page.locator('table.steps');
    await steps.locator('tr[data-state="Check"] [data-status="succeeded"]').waitFor();
    await steps.locator('tr[data-state="Give up"] [data-status="failed"]').waitFor();
    // The failed state's node is coloured so, and opens its error.
    await page.locator('.graph svg [data-state-name="Give up"].failed').click();
    const details = page.locator('#state-details');
    await details.getByRole('heading', { name: /Give up/ }).waitFor();
    assert.equal(await details.locator('.state-error').innerText(), 'Orders.Rejected');
    assert.equal(await details.locator('.state-cause').innerText(), 'the order has no items');
  });
});

test('a running execution can be stopped, after a confirmation', async () => {
  const arn = await createMachine('sleepy', {
    StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 600, End: true } },
  });
  const { executionArn } = await api('StartExecution', { stateMachineArn: arn });
  await onPage('execution-stopped', async (page) => {
    await page.goto(url(`#/executions/${executionArn}`));
    await page.locator('#execution-status [data-status="RUNNING"]').waitFor();
    const stop = page.getByRole('button', { name: 'Stop execution' });

    // Escape closes the confirmation, and nothing happens.
    await stop.click();
    const dialog = page.getByRole('dialog', { name: 'Stop this execution?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await api('DescribeExecution', { executionArn })).status, 'RUNNING');

    await stop.click();
    await dialog.getByLabel('Error').fill('Operator.Stopped');
    await dialog.getByRole('button', { name: 'Stop execution' }).click();
    await page.locator('#execution-status [data-status="ABORTED"]').waitFor();
    await page.locator('table.history tr.event', { hasText: 'ExecutionAborted' }).waitFor();
    await page.locator('table.steps tr[data-state="Sleep"] [data-status="cancelled"]').waitFor();
    assert.ok(await stop.isHidden());
    const described = await api('DescribeExecution', { executionArn });
    assert.equal(described.status, 'ABORTED');
    assert.equal(described.error, 'Operator.Stopped');
  });
});

test('the new machine page shows diagnostics, refuses to save a broken definition, and saves a good one', async () => {
  await onPage('new-machine', async (page) => {
    await page.goto(url('#/new'));
    await page.getByLabel('Name').fill('drafted');
    const definition = page.getByLabel('Definition (Amazon States Language, JSON)');
    const save = page.getByRole('button', { name: 'Create state machine' });

    await definition.fill(JSON.stringify({ StartAt: 'Nowhere', States: { Only: { Type: 'Pass', End: true } } }, null, 2));
    const diagnostic = page.locator('button.diagnostic', { hasText: 'MISSING_TRANSITION_TARGET' }).first();
    await diagnostic.waitFor();
    assert.ok(await save.isDisabled(), 'a definition with errors cannot be saved');
    await page.locator('.validation-status', { hasText: 'has errors' }).waitFor();
    // A diagnostic shows where it is: the text it points at is selected.
    await diagnostic.click();
    const selected = await definition.evaluate((node) => {
      const area = /** @type {HTMLTextAreaElement} */ (node);
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    assert.ok(selected.length > 0, 'the diagnostic selects its place in the definition');

    // The graph of what is typed marks the state a diagnostic points at.
    await definition.fill(JSON.stringify({
      StartAt: 'First',
      States: {
        First: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Missing' }], Default: 'Last' },
        Last: { Type: 'Succeed' },
      },
    }, null, 2));
    await page.locator('button.diagnostic', { hasText: 'MISSING_TRANSITION_TARGET' }).first().waitFor();
    await page.locator('.graph svg [data-state-name="First"].has-diagnostic').waitFor();
    assert.ok(!(await page.locator('.graph svg [data-state-name="Last"]').evaluate((node) => node.classList.contains('has-diagnostic'))),
      'only the state with the problem is marked');
    // The graph zooms and pans.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.equal(await page.locator('.graph svg').getAttribute('data-zoom'), '1.25');
    await page.getByRole('button', { name: 'Fit the graph' }).click();
    assert.equal(await page.locator('.graph svg').getAttribute('data-zoom'), '1.00');

    // Not even JSON: refused too.
    await definition.fill('{"StartAt": "A", "States": {');
    await page.locator('button.diagnostic', { hasText: 'INVALID_JSON_DESCRIPTION' }).waitFor();
    assert.ok(await save.isDisabled());

    // A definition from a file.
    await page.locator('#definition-file').setInputFiles({
      name: 'drafted.asl.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', Result: 1, End: true } } })),
    });
    await page.getByText('The definition is valid.').waitFor();
    assert.match(await definition.inputValue(), /"Result":1/);
    assert.ok(await save.isEnabled());
    await save.click();
    await page.getByRole('heading', { level: 1, name: /drafted/ }).waitFor();
    const { stateMachines } = await api('ListStateMachines', {});
    const created = stateMachines.find((/** @type {any} */ machine) => machine.name === 'drafted');
    assert.ok(created, 'the state machine was created');

    // Its definition changes from its page.
    await page.getByRole('link', { name: 'Edit definition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit drafted' }).waitFor();
    await definition.fill(JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', Result: 2, End: true } } }, null, 2));
    await page.getByText('The definition is valid.').waitFor();
    await page.getByRole('button', { name: 'Save definition' }).click();
    await page.locator('.json-view', { hasText: '"Result": 2' }).waitFor();
    const described = await api('DescribeStateMachine', { stateMachineArn: created.stateMachineArn });
    assert.equal(JSON.parse(described.definition).States.Only.Result, 2);
  });
});

test('Map iterations can be inspected one by one', async () => {
  const arn = await createMachine('mapped', {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map', End: true,
        ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($, $)' }, End: true } } },
      },
    },
  });
  const { executionArn } = await api('StartExecution', { stateMachineArn: arn, input: '[1, 2, 3]' });
  await onPage('map-iterations', async (page) => {
    await page.goto(url(`#/executions/${executionArn}`));
    await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor();
    await page.locator('table.steps').getByRole('button', { name: 'Double' }).click();
    const details = page.locator('#state-details');
    const visit = details.getByRole('combobox', { name: 'Visit' });
    assert.match(await visit.locator('option:checked').innerText(), /3 of 3 · iteration 2/);
    assert.match(await details.locator('.state-output').innerText(), /"twice": 6/);
    await details.getByRole('button', { name: 'Previous visit' }).click();
    assert.match(await visit.locator('option:checked').innerText(), /2 of 3 · iteration 1/);
    assert.match(await details.locator('.state-output').innerText(), /"twice": 4/);
    await page.locator('table.steps').getByRole('button', { name: 'Each' }).click();
    assert.match(await details.innerText(), /Iterations\s+3: 3 succeeded/);
  });
});

test('a Map of 1,000 iterations is drawn once, and its history a page at a time', async () => {
  const arn = await createMachine('thousand', {
    StartAt: 'Each',
    States: { Each: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } } } },
  });
  const items = Array.from({ length: 1000 }, (_, idx) => idx);
  const { executionArn } = await api('StartExecution', { stateMachineArn: arn, input: JSON.stringify(items) });
  await onPage('map-1000', async (page) => {
    await page.goto(url(`#/executions/${executionArn}`));
    await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor();
    await page.locator('.graph svg [data-state-name="Double"].succeeded').waitFor();
    assert.equal(await page.locator('.graph svg [data-state-id]').count(), 2, 'the Map and its one state, not 1,000 copies');
    await page.locator('#history-count', { hasText: '(4,006)' }).or(page.locator('#history-count', { hasText: '(4006)' })).waitFor();
    assert.equal(await page.locator('table.history tr.event').count(), 500, 'the first page of the history');
    await page.locator('#history-more').click();
    assert.equal(await page.locator('table.history tr.event').count(), 1000, 'the next page');
    await page.locator('table.steps').getByRole('button', { name: 'Each' }).click();
    assert.match(await page.locator('#state-details').innerText(), /Iterations\s+1000: 1000 succeeded|Iterations\s+1,000: 1,000 succeeded/);
  });
});

test('the SVG of `statewright graph` opens in the browser', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'statewright-graph-'));
  const file = join(dir, 'graph.svg');
  const definition = new URL('../crates/graph/tests/fixtures/parallel.asl.json', import.meta.url).pathname;
  const made = spawnSync(/** @type {string} */ (BINARY), ['graph', definition, '--format', 'svg', '--output', file]);
  assert.equal(made.status, 0, String(made.stderr));
  const topLevel = Object.keys(JSON.parse(readFileSync(definition, 'utf8')).States).length;
  // As a picture on its own, and inline in a page, where its states can be counted.
  const svg = readFileSync(file, 'utf8');
  writeFileSync(join(dir, 'page.html'), `<!doctype html><html><body><img id="picture" src="graph.svg" alt="graph"><div id="inline">${svg}</div></body></html>`);
  await onPage('graph-cli-svg', async (page) => {
    await page.goto(`file://${join(dir, 'page.html')}`);
    await page.waitForFunction(() => /** @type {HTMLImageElement} */ (document.getElementById('picture'))?.complete);
    const width = await page.locator('#picture').evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth);
    assert.ok(width > 100, `the SVG file renders as an image: ${width} px wide`);
    assert.equal(topLevel, 4);
    assert.equal(await page.locator('#inline svg [data-state-id]').count(), 7, "the 4 top-level states and the branches' 3");
  });
  rmSync(dir, { recursive: true, force: true });
});

test('an execution an event started says so, with the event; one started directly does not', async () => {
  const arn = await createMachine('triggered', { StartAt: 'Take', States: { Take: { Type: 'Pass', End: true } } });
  await events('PutRule', { Name: 'r', EventPattern: JSON.stringify({ source: ['app'] }) });
  await events('PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: arn }] });
  const { Entries: entries } = await events('PutEvents', {
    Entries: [{ Source: 'app', DetailType: 'Order Placed', Detail: JSON.stringify({ n: 1 }) }],
  });
  const eventId = entries[0].EventId;
  assert.ok(eventId, `PutEvents took the event: ${JSON.stringify(entries)}`);
  const executionArn = await eventually('the execution the event started', async () => {
    const { executions } = await api('ListExecutions', { stateMachineArn: arn });
    return executions[0]?.executionArn;
  });
  // The delivery records its execution just after starting it; the page asks once.
  await eventually('the delivery being recorded', async () => {
    const response = await fetch(`${base}/console/api/trigger?executionArn=${encodeURIComponent(executionArn)}`);
    return response.status === 200 ? true : undefined;
  });
  const { executionArn: directArn } = await api('StartExecution', { stateMachineArn: arn, input: '{"n": 2}' });

  await onPage('execution-started-by-event', async (page) => {
    await page.goto(url(`#/executions/${executionArn}`));
    await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor();
    const block = page.locator('#started-by');
    await block.waitFor();
    assert.equal(await block.locator('#trigger-event-id').innerText(), eventId);
    assert.match(await block.locator('#trigger-event-line').innerText(), new RegExp(`^event ${eventId} · app · Order Placed$`));
    const rule = block.locator('#trigger-rule code');
    assert.equal(await rule.innerText(), 'r');
    assert.equal(await rule.getAttribute('title'), 'arn:aws:events:us-east-1:000000000000:rule/r');
    // The event itself, pretty-printed, on demand.
    const eventJson = page.locator('#trigger-event');
    assert.ok(await eventJson.isHidden(), 'the event is folded at first');
    const toggle = block.getByRole('button', { name: 'Event JSON' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await eventJson.waitFor();
    const shown = await eventJson.innerText();
    assert.match(shown, /\n {2}"detail-type": "Order Placed",\n/, 'pretty-printed');
    const event = JSON.parse(shown);
    assert.equal(event.id, eventId);
    assert.deepEqual(event.detail, { n: 1 });
    await toggle.click();
    assert.ok(await eventJson.isHidden(), 'the event folds again');
    await toggle.click();
    await eventJson.waitFor();
  });

  await onPage('execution-started-directly', async (page) => {
    const asked = page.waitForResponse((response) => response.url().includes('/console/api/trigger?'));
    await page.goto(url(`#/executions/${directArn}`));
    await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor();
    // The page asks, and is answered with nothing rather than a 404 the browser would log.
    assert.equal((await asked).status(), 204);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('#started-by').isHidden(), true, 'no "Started by" block');
    assert.equal(await page.getByText('Started by').count(), 0);
  });
});

test('no page reports an error in the browser', async () => {
  const arn = await createMachine('tour', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  const { executionArn } = await api('StartExecution', { stateMachineArn: arn });
  await onPage('every-page', async (page) => {
    for (const [hash, heading] of [
      ['#/', 'State machines'],
      [`#/state-machines/${arn}`, 'tour'],
      [`#/state-machines/${arn}/edit`, 'Edit tour'],
      [`#/executions/${executionArn}`, executionArn.split(':').pop()],
      ['#/new', 'New state machine'],
      ['#/nowhere', 'Nothing here'],
    ]) {
      await page.goto(url(hash));
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
    }
  });
});
