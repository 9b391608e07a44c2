import type { LabCallPlaced, LabInfo } from '../../shared/host-api';
import { HostServiceError } from '../../shared/host-api';
import type { Locale } from '../../shared/locales';
import type { SettingsView } from '../../shared/settings';
import type { LabDesk } from '../services/host-api/host-services';
import type { LabLogger } from '../lab';
import { labUserOf, type EmbeddedLab } from './embedded-lab';

/** A simulated customer waits this long for an agent (the agent may be on a break first). */
const PATIENCE_MS = 120_000;
/** …and talks at most this long: time to take the call, escalate it and wrap up. */
const TALK_MS = 15 * 60_000;
/** Customers calling at once from one Warmline's button: enough for call waiting, not a flood. */
const MAX_CALLS = 3;

export interface LabDeskHandle extends LabDesk {
  /** Hangs up the customers still calling (the app is stopping). */
  close(): Promise<void>;
}

/**
 * The HostApi's view of the embedded lab (`getLabInfo`, `labCallMe`), for the banner on the first
 * screen. It follows the settings: once the agent points Warmline at another server, it is null.
 */
export function createLabDesk(
  lab: EmbeddedLab,
  settings: () => SettingsView | Promise<SettingsView>,
  log: LabLogger,
): LabDeskHandle {
  const calls = new Set<{ hangup(): void; readonly outcome: Promise<unknown> }>();
  const customers = (() => {
    const members = new Set(lab.config.queues.flatMap((q) => q.members));
    return lab.config.accounts.filter((a) => !members.has(a.user));
  })();
  let next = 0;

  const info = async (): Promise<LabInfo | null> => {
    const current = await settings();
    if (current.serverUrl !== lab.url) return null;
    const agent = labUserOf(current.sipUri, lab.config);
    if (!agent) return null;
    const senior = lab.config.queues.find((q) => q.name === 'senior')?.members[0];
    return {
      agent,
      displayName: current.displayName,
      queues: lab.config.queues.filter((q) => q.members.includes(agent)).map((q) => q.name),
      seniorAgent: senior !== undefined && senior !== agent ? senior : null,
      statusUrl: lab.statusUrl,
    };
  };

  return {
    info,
    async callMe(language: Locale): Promise<LabCallPlaced> {
      const me = await info();
      const queue = me?.queues[0];
      if (!me || !queue) {
        throw new HostServiceError({ code: 'not-found', message: 'This Warmline is signed in to no lab queue.' });
      }
      const customer = customers[next++ % Math.max(1, customers.length)];
      if (!customer) throw new HostServiceError({ code: 'not-found', message: 'The lab has no customer accounts.' });
      if (calls.size >= MAX_CALLS) {
        throw new HostServiceError({
          code: 'invalid-input',
          message: `${MAX_CALLS} customers are already calling: answer them first.`,
        });
      }
      const { placeCustomerCall } = await import('./lab-caller');
      const { call, complaint } = placeCustomerCall({
        wsUrl: lab.url,
        domain: lab.config.domain,
        customer: { user: customer.user, password: customer.password },
        queue,
        language,
        patienceMs: PATIENCE_MS,
        talkMs: TALK_MS,
        log,
      });
      calls.add(call);
      void call.outcome.then(() => calls.delete(call));
      return { queue, caller: complaint.caller };
    },
    async close() {
      for (const call of calls) call.hangup();
      await Promise.all([...calls].map((c) => c.outcome));
    },
  };
}
