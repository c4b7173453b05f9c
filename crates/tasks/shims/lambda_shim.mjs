// Statewright's Node.js shim: one warm process running one Lambda handler.
//
// The server runs it as `node --input-type=module -e <this file>` in the function's working
// directory, then writes to its stdin one line describing the handler (JSON: token, file,
// function, function_name, memory_size, log_group_name) and one line per invocation (JSON:
// request_id, event, invoked_function_arn, timeout_ms), waiting for each answer before the
// next. The handler module is imported once, so module-level state lives across invocations,
// as in a warm Lambda sandbox.
//
// Each answer is one line on stdout, starting with the token: {"result": ...} or
// {"error": {"errorType", "errorMessage", "trace"}, "fatal": bool}, where a fatal error (the
// module could not be loaded, or the handler left an exception uncaught) means the process
// ends. The handler's console output and process.stdout writes go to stderr, which the server
// logs, so they cannot be taken for an answer.

import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import { basename, extname } from "node:path";
import { pathToFileURL } from "node:url";

const writeAnswer = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);

let token = "";
let current = null;

function answer(message) {
  writeAnswer(token + message + "\n");
}

// An error in the shape Lambda's Node.js runtime reports, without the shim's own frames
// (code given with -e shows as `[eval1]`).
function lambdaError(err) {
  if (err instanceof Error || (err && typeof err.name === "string" && typeof err.message === "string")) {
    const stack = typeof err.stack === "string" ? err.stack.split("\n") : [];
    return {
      errorType: err.name,
      errorMessage: err.message,
      trace: stack.filter((line) => !/\[eval\d*\]/.test(line)),
    };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

function runtimeError(errorType, errorMessage) {
  return { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`] };
}

async function load(hello) {
  const moduleName = basename(hello.file, extname(hello.file));
  let loaded;
  try {
    loaded = await import(pathToFileURL(hello.file).href);
  } catch (err) {
    if (err instanceof SyntaxError) {
      return [null, runtimeError("Runtime.UserCodeSyntaxError", `${err.name}: ${err.message}`)];
    }
    if (err && (err.code === "ERR_MODULE_NOT_FOUND" || err.code === "MODULE_NOT_FOUND")) {
      return [null, runtimeError("Runtime.ImportModuleError", `Error: ${err.message}`)];
    }
    return [null, lambdaError(err)];
  }
  let handler = loaded[hello.function];
  if (typeof handler !== "function" && loaded.default && typeof loaded.default[hello.function] === "function") {
    handler = loaded.default[hello.function];
  }
  if (typeof handler !== "function") {
    return [
      null,
      runtimeError("Runtime.HandlerNotFound", `${moduleName}.${hello.function} is undefined or not exported`),
    ];
  }
  return [handler, null];
}

function context(hello, request) {
  const deadline = performance.now() + request.timeout_ms;
  return {
    functionName: hello.function_name,
    functionVersion: "$LATEST",
    invokedFunctionArn: request.invoked_function_arn,
    memoryLimitInMB: hello.memory_size,
    awsRequestId: request.request_id,
    logGroupName: hello.log_group_name,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline - performance.now())),
  };
}

// Runs an async handler, or a callback-style one `(event, context, callback)`; a handler that
// returns neither a promise nor calls back answers null, as Lambda's does.
function invoke(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err);
      else resolve(result);
    };
    let returned;
    try {
      returned = handler(event, ctx, callback);
    } catch (err) {
      if (!settled) {
        settled = true;
        reject(err);
      }
      return;
    }
    if (returned && typeof returned.then === "function") {
      returned.then((result) => callback(null, result), (err) => callback(err ?? new Error(String(err))));
    } else if (handler.length < 3) {
      callback(null, null);
    }
  });
}

function encode(result) {
  try {
    const text = JSON.stringify(result === undefined ? null : result);
    return `{"result":${text === undefined ? "null" : text}}`;
  } catch {
    return JSON.stringify({ error: runtimeError("Runtime.JSONStringifyError", "Unable to stringify response body") });
  }
}

// An exception nothing caught ends the invocation that caused it, and the process, as in Lambda.
function die(error) {
  if (current !== null) {
    answer(JSON.stringify({ error, fatal: true }));
  } else {
    process.stderr.write(`${error.errorType}: ${error.errorMessage}\n`);
  }
  process.exit(1);
}
// Ctrl-C in a terminal reaches the whole process group; the server decides when its workers
// stop (by closing their stdin).
process.on("SIGINT", () => {});
process.on("uncaughtException", (err) => die(lambdaError(err)));
process.on("unhandledRejection", (reason) =>
  die(
    runtimeError(
      "Runtime.UnhandledPromiseRejection",
      reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason),
    ),
  ),
);

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let hello = null;
let handler = null;
let initError = null;
for await (const line of lines) {
  if (hello === null) {
    hello = JSON.parse(line);
    token = hello.token;
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    process.env.AWS_LAMBDA_LOG_STREAM_NAME = `${day}/[$LATEST]${randomUUID().replaceAll("-", "")}`;
    [handler, initError] = await load(hello);
    continue;
  }
  const request = JSON.parse(line);
  if (initError !== null) {
    answer(JSON.stringify({ error: initError, fatal: true }));
    process.exit(1);
  }
  current = request;
  let message;
  try {
    message = encode(await invoke(handler, request.event, context(hello, request)));
  } catch (err) {
    message = JSON.stringify({ error: lambdaError(err) });
  }
  current = null;
  answer(message);
}
process.exit(0);
