import { startLabServer, type LabServer } from '../../electron/lab';
import { startKamailio } from './kamailio';

/** What a test needs of a SIP server: where it listens, its domain, and the one test password. */
export interface SipTestServer {
  readonly name: string;
  readonly wsUrl: string;
  readonly domain: string;
  readonly password: string;
  stop(): Promise<void>;
}

export const TEST_PASSWORD = 'warmline-test';
const TEST_DOMAIN = 'warmline.test';

/** Customers whose SIP user is their phone number, as a PSTN gateway presents callers (Kamailio takes any user). */
export const CUSTOMER_NUMBERS = ['31201234567'] as const;

/** Accounts the lab knows for tests: agent1…, customer1…, callee1… as newUser() names them. */
function labTestConfig(accountsPerRole: number) {
  const roles = ['agent', 'customer', 'callee', 'senior', 'technical'];
  return {
    domain: TEST_DOMAIN,
    // The app and the far-end pages are served from loopback on ports picked at run time.
    allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
    accounts: [
      ...roles.flatMap((role) =>
        Array.from({ length: accountsPerRole }, (_, i) => ({ user: `${role}${i + 1}`, password: TEST_PASSWORD })),
      ),
      ...CUSTOMER_NUMBERS.map((user) => ({ user, password: TEST_PASSWORD })),
    ],
    queues: [],
  };
}

export async function startKamailioServer(): Promise<SipTestServer> {
  const k = await startKamailio({ password: TEST_PASSWORD, domain: TEST_DOMAIN });
  return { name: 'Kamailio', wsUrl: k.wsUrl, domain: k.domain, password: k.password, stop: () => k.stop() };
}

/** The lab with the test accounts; `lab` for a story that asks it what it sees (its /status, its registrations). */
export async function startLabTestServer(accountsPerRole = 60): Promise<SipTestServer & { readonly lab: LabServer }> {
  const lab = await startLabServer({ port: 0, config: labTestConfig(accountsPerRole), log: () => {} });
  return { name: 'lab server', wsUrl: lab.url, domain: TEST_DOMAIN, password: TEST_PASSWORD, stop: () => lab.close(), lab };
}

/** The end-to-end phone stories run against both: the PBX our customers run, and our own lab. */
export const SIP_SERVERS = [
  ['Kamailio', startKamailioServer],
  ['the lab server', startLabTestServer],
] as const;
