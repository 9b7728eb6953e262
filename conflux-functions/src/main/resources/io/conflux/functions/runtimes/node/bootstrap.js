// Conflux's Node.js runtime: speaks the AWS Lambda Runtime API on AWS_LAMBDA_RUNTIME_API and calls the handler
// named by _HANDLER ("file.export", CommonJS or ES module) as Lambda's Node.js runtime does: async handlers, or
// handlers that take a callback. Console output gets Lambda's "timestamp<TAB>requestId<TAB>LEVEL" prefix; unhandled
// errors are reported in Lambda's Node.js shape (errorType, errorMessage, trace).
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const [HOST, PORT] = (() => {
  const api = process.env.AWS_LAMBDA_RUNTIME_API;
  const i = api.lastIndexOf(':');
  return [api.slice(0, i), Number(api.slice(i + 1))];
})();
const TASK_ROOT = process.env.LAMBDA_TASK_ROOT || process.cwd();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let requestId = '';

function call(method, p, body, headers) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const h = Object.assign({}, headers || {});
    if (data) h['Content-Length'] = data.length;
    const req = http.request({ host: HOST, port: PORT, method, path: p, agent, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'],
  ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[name] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${requestId || 'undefined'}\t${level}\t`
      + util.format(...args) + '\n');
  };
}

function errorOf(err) {
  if (err instanceof Error) {
    return { errorType: err.name || 'Error', errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [] };
  }
  if (typeof err === 'string') {
    return { errorType: 'string', errorMessage: err, trace: [] };
  }
  return { errorType: typeof err, errorMessage: JSON.stringify(err), trace: [] };
}

class Fault extends Error {
  constructor(type, message) {
    super(message);
    this.name = type;
  }
}

async function load(handler) {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) {
    throw new Fault('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  }
  const modulePath = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1);
  const base = path.resolve(TASK_ROOT, modulePath);
  let mod;
  const candidates = ['.js', '.mjs', '.cjs'].map((e) => base + e).filter((f) => fs.existsSync(f));
  if (candidates.length === 0) {
    throw new Fault('Runtime.ImportModuleError', `Error: Cannot find module '${path.basename(modulePath)}'`);
  }
  const file = candidates[0];
  try {
    if (file.endsWith('.mjs')) {
      mod = await import(pathToFileURL(file).href);
    } else {
      try {
        mod = require(file);
      } catch (e) {
        if (e && e.code === 'ERR_REQUIRE_ESM') {
          mod = await import(pathToFileURL(file).href);
        } else {
          throw e;
        }
      }
    }
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new Fault('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
    }
    throw e;
  }
  let fn = mod;
  for (const part of exportPath.split('.')) {
    fn = fn == null ? undefined : fn[part];
  }
  if (fn === undefined && mod && mod.default) {
    fn = mod.default[exportPath];
  }
  if (typeof fn !== 'function') {
    throw new Fault('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is undefined or not exported`);
  }
  return fn;
}

function run(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(result);
    };
    context.done = callback;
    context.succeed = (r) => callback(null, r);
    context.fail = (e) => callback(e);
    let r;
    try {
      r = fn(event, context, callback);
    } catch (e) {
      callback(e);
      return;
    }
    if (r && typeof r.then === 'function') {
      r.then((v) => callback(null, v), (e) => callback(e === undefined || e === null ? new Error('null') : e));
    } else if (fn.length < 3) {
      callback(null, r);
    }
  });
}

async function main() {
  let fn;
  try {
    fn = await load(process.env._HANDLER || '');
  } catch (e) {
    const err = errorOf(e);
    console.error(`${err.errorType}: ${err.errorMessage}`);
    await call('POST', '/2018-06-01/runtime/init/error', JSON.stringify(err),
      { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': err.errorType });
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', '/2018-06-01/runtime/invocation/next');
    if (next.status !== 200) process.exit(0);
    requestId = next.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(next.headers['lambda-runtime-deadline-ms'] || 0);
    if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    const context = {
      awsRequestId: requestId,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true,
      clientContext: next.headers['lambda-runtime-client-context']
        ? JSON.parse(next.headers['lambda-runtime-client-context']) : undefined,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    const base = `/2018-06-01/runtime/invocation/${requestId}`;
    let body;
    try {
      const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
      const result = await run(fn, event, context);
      body = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      const err = errorOf(e);
      process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t`
        + JSON.stringify(err) + '\n');
      await call('POST', `${base}/error`, JSON.stringify(err),
        { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': err.errorType });
      continue;
    }
    await call('POST', `${base}/response`, body, { 'Content-Type': 'application/json' });
  }
}

main().catch((e) => {
  process.stderr.write(`Runtime error: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
