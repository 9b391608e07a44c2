// Public surface of the lab server for the app's start script and for tests. Everything else is internal.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export { startLabServer, isLoopback, type LabServer, type LabServerOptions } from './server.js';
export { loadLabConfig, parseLabConfig, LabConfigError, type LabConfig, type LabConfigInput } from './config.js';
export { jsonLineLogger, silentLogger, type LabLogger } from './log.js';
export { QUEUE_HEADER, QUEUE_WAIT_HEADER } from './acd/queues.js';
export { CONTROL_USER, AGENT_STATE_HEADER } from './acd/control.js';

export const DEFAULT_LAB_PORT = 5090;
/** The shipped config: agents 1001–1003, 2001, 3001, customers 9001–9002, queues support/senior/technical. */
export const DEFAULT_LAB_CONFIG_PATH = join(dirname(fileURLToPath(import.meta.url)), 'lab.config.json');
