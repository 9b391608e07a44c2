'use strict';
// The `debug` package as JsSIP uses it, without the package (issue 19): JsSIP logs through
// debug('JsSIP:…') on every message, and the real module (with `ms`, colours and formatters) sat in
// the start chunk to print nothing. Silent unless enabled, as `debug` is: localStorage.debug
// ('JsSIP:*', '-JsSIP:Transport') at load, or createDebug.enable(). Messages go to the logger's
// `log` (JsSIP sets console.info/warn/error) with the namespace in front; the console formats %s/%o.
// CommonJS on purpose: JsSIP calls require('debug')('JsSIP') and require('debug').default(…).

let names = [];
let skips = [];
let current = '';
// Bumped by enable(): each logger re-checks its namespace once after a change, not on every call.
let generation = 0;

function toPattern(spec) {
  const escaped = spec.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?');
  return new RegExp(`^${escaped}$`);
}

function enabled(namespace) {
  return !skips.some((p) => p.test(namespace)) && names.some((p) => p.test(namespace));
}

function enable(spec) {
  current = typeof spec === 'string' ? spec : '';
  names = [];
  skips = [];
  for (const part of current.split(/[\s,]+/)) {
    if (!part) continue;
    if (part.startsWith('-')) skips.push(toPattern(part.slice(1)));
    else names.push(toPattern(part));
  }
  generation += 1;
}

function disable() {
  const was = current;
  enable('');
  return was;
}

function createDebug(namespace) {
  let seen = -1;
  let on = false;
  function debug(...args) {
    if (seen !== generation) {
      seen = generation;
      on = enabled(namespace);
    }
    if (!on) return;
    const log = debug.log || createDebug.log;
    if (typeof args[0] === 'string') log(`${namespace} ${args[0]}`, ...args.slice(1));
    else log(namespace, ...args);
  }
  debug.namespace = namespace;
  debug.log = undefined;
  debug.extend = (sub, delimiter = ':') => createDebug(`${namespace}${delimiter}${sub}`);
  Object.defineProperty(debug, 'enabled', { get: () => enabled(namespace), enumerable: true });
  return debug;
}

createDebug.log = (...args) => console.debug(...args);
createDebug.enable = enable;
createDebug.disable = disable;
createDebug.enabled = enabled;
createDebug.default = createDebug;
createDebug.debug = createDebug;

try {
  enable(globalThis.localStorage?.getItem('debug') ?? '');
} catch {
  // Storage refused (an opaque origin): stay silent.
}

module.exports = createDebug;
