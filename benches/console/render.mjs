// Times the console's pages in Chromium against a running `statewright serve`: how long from
// navigating to a page until its graph is drawn (and, for an execution, coloured and its
// history's first page shown), for a 100-state definition and for a Map of 1,000 iterations.
//
//   node benches/console/render.mjs http://127.0.0.1:PORT [RUNS]
//
// Prints one Markdown table row per page: p50 and max over RUNS loads (default 10, after one
// untimed load).

// playwright-core comes from console-tests/node_modules (benches/console.sh says where).
const { chromium } = await import(process.env.PLAYWRIGHT ?? 'playwright-core');

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 10);
if (!base) {
  console.error('usage: node render.mjs ENDPOINT [RUNS]');
  process.exit(2);
}
const ROLE = 'arn:aws:iam::000000000000:role/statewright';

/**
 * @param {string} operation
 * @param {object} body
 */
async function api(operation, body) {
  const response = await fetch(`${base}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(data)}`);
  return data;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @type {Record<string, any>} */
const chain = {};
for (let idx = 0; idx < 100; idx++) {
  chain[`Step ${idx}`] = idx === 99 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `Step ${idx + 1}` };
}
const { stateMachineArn: chainArn } = await api('CreateStateMachine', {
  name: `chain-100-${Date.now()}`, roleArn: ROLE, definition: JSON.stringify({ StartAt: 'Step 0', States: chain }),
});
const { executionArn: chainRun } = await api('StartExecution', { stateMachineArn: chainArn });
const { stateMachineArn: mapArn } = await api('CreateStateMachine', {
  name: `map-1000-${Date.now()}`, roleArn: ROLE,
  definition: JSON.stringify({ StartAt: 'Each', States: { Each: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } } } } }),
});
const { executionArn: mapRun } = await api('StartExecution', { stateMachineArn: mapArn, input: JSON.stringify(Array.from({ length: 1000 }, (_, idx) => idx)) });
for (const arn of [chainRun, mapRun]) {
  while ((await api('DescribeExecution', { executionArn: arn })).status === 'RUNNING') await sleep(50);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });

/**
 * @param {string} label
 * @param {string} hash
 * @param {string[]} selectors what must be on the page when it is drawn
 */
async function time(label, hash, selectors) {
  const times = [];
  for (let idx = 0; idx <= runs; idx++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(`${base}/${hash}`);
    for (const selector of selectors) await page.locator(selector).first().waitFor();
    if (idx > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  console.log(`| ${label} | ${p50.toFixed(0)} | ${times[times.length - 1].toFixed(0)} |`);
}

console.log('| page | ms to drawn, p50 | max |');
console.log('|---|---:|---:|');
await time('100-state definition: state machine page, graph drawn', `#/state-machines/${chainArn}`, ['.graph svg [data-state-name="Step 99"]']);
await time('100-state execution: graph coloured, history shown', `#/executions/${chainRun}`, ['.graph svg [data-state-name="Step 99"].succeeded', 'table.history tr.event']);
await time('Map of 1,000 iterations: graph coloured, first 500 events shown', `#/executions/${mapRun}`, ['.graph svg [data-state-name="Double"].succeeded', 'table.history tr.event:nth-child(999)']);
await browser.close();
