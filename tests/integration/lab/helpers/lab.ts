import { startLabServer, type LabServer } from '../../../../electron/lab/server.js';
import type { LabConfigInput } from '../../../../electron/lab/config.js';
import { silentLogger, type LabLogger } from '../../../../electron/lab/log.js';
import { afterEach, expect } from 'vitest';
import { DOMAIN, RawClient } from './raw-client.js';

export const PASSWORDS: Readonly<Record<string, string>> = {
  '1001': 'pw-1001',
  '1002': 'pw-1002',
  '1003': 'pw-1003',
  '2001': 'pw-2001',
  '3001': 'pw-3001',
  '9001': 'pw-9001',
  '9002': 'pw-9002',
};

/** Short timeouts so queue behaviour shows within a test; one queue per behaviour under test. */
export function testConfig(overrides: Partial<LabConfigInput> = {}): LabConfigInput {
  return {
    domain: DOMAIN,
    registration: { minExpires: 10, defaultExpires: 300, maxExpires: 3600, maxBindingsPerAccount: 3 },
    // Test pages (Chromium) are served from loopback on ports picked at run time.
    allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
    accounts: Object.entries(PASSWORDS).map(([user, password]) => ({ user, password })),
    queues: [
      { name: 'support', members: ['1001', '1002', '1003'], ringTimeoutSeconds: 1, maxWaitSeconds: 4, retryAfterSeconds: 30 },
      { name: 'senior', members: ['2001'], ringTimeoutSeconds: 5, maxWaitSeconds: 10 },
      { name: 'technical', members: ['3001'], ringTimeoutSeconds: 5, maxWaitSeconds: 1, retryAfterSeconds: 42 },
    ],
    ...overrides,
  };
}

export async function startTestLab(overrides: Partial<LabConfigInput> = {}, log: LabLogger = silentLogger): Promise<LabServer> {
  return startLabServer({ port: 0, host: '127.0.0.1', config: testConfig(overrides), log });
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TestLabs {
  /** This test's lab (closed after the test). */
  start(overrides?: Partial<LabConfigInput>): Promise<LabServer>;
  /** A raw client of this test's lab, closed after the test. */
  connect(user: string): Promise<RawClient>;
  /** A raw client registered as `user` with its test password. */
  registered(user: string): Promise<RawClient>;
  /** The clients opened so far in this test. */
  readonly clients: readonly RawClient[];
}

/** One lab per test and the raw clients it opened, all closed after each test. */
export function useTestLabs(): TestLabs {
  let lab: LabServer | undefined;
  const clients: RawClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await lab?.close();
    lab = undefined;
  });
  const connect = async (user: string): Promise<RawClient> => {
    if (!lab) throw new Error('start the lab first');
    const c = await RawClient.connect(lab.url, user);
    clients.push(c);
    return c;
  };
  return {
    clients,
    connect,
    async start(overrides = {}) {
      lab = await startTestLab(overrides);
      return lab;
    },
    async registered(user) {
      const c = await connect(user);
      expect((await c.register(PASSWORDS[user]!)).response.status).toBe(200);
      return c;
    },
  };
}
