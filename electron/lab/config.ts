import { readFileSync } from 'node:fs';
import { z } from 'zod';

const USER = /^[A-Za-z0-9_.!~*'()+-]{1,64}$/;

const accountSchema = z.object({
  user: z.string().regex(USER, "a SIP user part of letters, digits and -_.!~*'()+"),
  password: z.string().min(4).max(128),
  displayName: z.string().max(64).optional(),
});

const queueSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case letters, digits and -'),
  members: z.array(z.string()).default([]),
  strategy: z.enum(['longest-idle', 'round-robin']).default('longest-idle'),
  ringTimeoutSeconds: z.number().positive().max(300).default(15),
  maxWaitSeconds: z.number().nonnegative().max(3600).default(120),
  retryAfterSeconds: z.number().int().nonnegative().max(86_400).default(60),
  /**
   * A member who let a waiting customer's call ring out (no answer in `ringTimeoutSeconds`) is rung for it again
   * after this long if still free (Asterisk's `retry`); without it a lone free member was never rung again and
   * the customer waited out `maxWaitSeconds`. A member who declined (486/603) is not: see the README.
   */
  ringAgainSeconds: z.number().positive().max(3600).default(5),
  /**
   * After a call, the member is not offered the next one for this long (Asterisk's `wrapuptime`):
   * time for the agent's phone to say it is in after-call work (its pause MESSAGE follows the BYE).
   */
  wrapUpSeconds: z.number().nonnegative().max(3600).default(0),
  /**
   * Consults wait here like customers (182 Queued) although they ask not to (RFC 3841 no-queue): what a
   * server that does not know the header does, for training and for the tests of the agent's "queued" screen.
   */
  consultsWait: z.boolean().default(false),
  /** How long a call here should take: the supervisor's board puts a call past it near the top (issue 16). */
  callTargetSeconds: z.number().int().positive().max(86_400).default(300),
});

export const labConfigSchema = z
  .object({
    domain: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'a host name')
      .default('warmline.lab'),
    registration: z
      .object({
        minExpires: z.number().int().positive().default(60),
        maxExpires: z.number().int().positive().default(3600),
        defaultExpires: z.number().int().positive().default(600),
        maxBindingsPerAccount: z.number().int().positive().max(100).default(5),
      })
      .prefault({}),
    auth: z
      .object({
        nonceTtlSeconds: z.number().positive().max(3600).default(300),
        /**
         * One challenge per algorithm, in this order (RFC 8760 §2.4). MD5 alone by default: clients that read only
         * one of several challenges pick different ones (SIP.js 0.21 reads the last) and abort on SHA-256.
         */
        algorithms: z
          .array(z.enum(['MD5', 'SHA-256']))
          .min(1)
          .default(['MD5']),
        /**
         * Failed authentications an account (or a source address, 4× as many: agents share a NAT or loopback)
         * may have before each further attempt waits: 1 s, then doubling up to `maxDelaySeconds`. During the
         * wait every attempt is refused unchecked, even with the right password, so guessing gets nowhere.
         */
        failuresBeforeDelay: z.number().int().positive().max(1000).default(5),
        maxDelaySeconds: z.number().positive().max(3600).default(300),
      })
      .prefault({}),
    limits: z
      .object({
        maxMessageBytes: z
          .number()
          .int()
          .min(1024)
          .max(1024 * 1024)
          .default(64 * 1024),
        maxHeaders: z.number().int().min(10).max(1000).default(100),
        maxLineLength: z
          .number()
          .int()
          .min(256)
          .default(8 * 1024),
        messagesPerSecond: z.number().positive().default(50),
        messageBurst: z.number().int().positive().default(200),
        /** WebSocket connections at once, in all and from one address (a training room behind one NAT). */
        maxConnections: z.number().int().positive().default(1000),
        maxConnectionsPerAddress: z.number().int().positive().default(250),
        /** A connection that has not authenticated a request by then is closed (0: never). */
        unauthenticatedIdleSeconds: z.number().nonnegative().max(3600).default(10),
      })
      .prefault({}),
    /**
     * Browser pages allowed to connect (their `Origin` header): exact origins, or `scheme://host:*` for any port.
     * Clients that send no Origin (SIP stacks outside a browser) are not browser pages and are let in: their
     * password is their gate. The app's own origins by default: Electron's and browser mode's default address.
     */
    allowedOrigins: z
      .array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/, 'an origin such as http://127.0.0.1:5180'))
      .default(['app://warmline', 'http://127.0.0.1:5180', 'http://localhost:5180']),
    /** RFC 3261 §16.6 step 11, Timer C: how long a proxied INVITE may ring before the lab cancels it. */
    inviteTimeoutSeconds: z.number().positive().max(600).default(180),
    accounts: z.array(accountSchema).min(1),
    queues: z.array(queueSchema).default([]),
    /**
     * The team key the lab's agents share: not a SIP credential (the lab never reads it) but the key
     * Warmline signs and seals the escalation context and supervision requests with. The embedded lab
     * (electron/web-host/embedded-lab.ts) gives it to the app with the lab password, so a fresh
     * install's handoff cards are sealed and verified, as the README's story says. A lab secret, as
     * the accounts' passwords are; leave it out to try the unsigned case.
     */
    teamKey: z.string().min(16).max(256).optional(),
    /**
     * The event packages the lab serves for a user's state: both by default. `["dialog"]` is a server
     * with busy lamps only (RFC 4235, as many PBXes): a `presence` SUBSCRIBE gets 489, and Warmline
     * falls back to `dialog` (its team list then tells only idle and on a call).
     */
    presencePackages: z
      .array(z.enum(['presence', 'dialog']))
      .min(1)
      .default(['presence', 'dialog']),
  })
  .superRefine((cfg, ctx) => {
    const users = new Set<string>();
    cfg.accounts.forEach((a, i) => {
      if (users.has(a.user))
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'user'], message: `duplicate account ${a.user}` });
      users.add(a.user);
    });
    const names = new Set<string>();
    cfg.queues.forEach((q, i) => {
      if (names.has(q.name) || users.has(q.name) || q.name === 'queue-control') {
        ctx.addIssue({ code: 'custom', path: ['queues', i, 'name'], message: `queue name ${q.name} is already taken` });
      }
      names.add(q.name);
      q.members.forEach((m, j) => {
        if (!users.has(m)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'members', j], message: `no account ${m}` });
      });
    });
    const r = cfg.registration;
    if (!(r.minExpires <= r.defaultExpires && r.defaultExpires <= r.maxExpires)) {
      ctx.addIssue({ code: 'custom', path: ['registration'], message: 'need minExpires <= defaultExpires <= maxExpires' });
    }
  });

export type LabConfig = z.output<typeof labConfigSchema>;
export type LabConfigInput = z.input<typeof labConfigSchema>;
export type QueueConfig = LabConfig['queues'][number];
export type QueueStrategy = QueueConfig['strategy'];

export class LabConfigError extends Error {
  override readonly name = 'LabConfigError';
}

/** Validate a parsed config, turning zod's issues into one line per problem with its path. */
export function parseLabConfig(input: unknown, source = 'config'): LabConfig {
  const result = labConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `  ${path}: ${issue.message}`;
  });
  throw new LabConfigError(`invalid lab config ${source}:\n${lines.join('\n')}`);
}

export function loadLabConfig(path: string): LabConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LabConfigError(`cannot read lab config ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LabConfigError(`lab config ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseLabConfig(json, path);
}
