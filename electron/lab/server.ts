import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { parseLabConfig, type LabConfig, type LabConfigInput } from './config.js';
import { jsonLineLogger, type LabLogger } from './log.js';
import { DigestAuthenticator } from './auth/digest.js';
import { AuthThrottle } from './auth/throttle.js';
import { Registrar } from './registrar.js';
import { AgentBoard } from './acd/agents.js';
import { QueueEngine } from './acd/queues.js';
import { CallTracker } from './proxy/calls.js';
import { ContactTable } from './proxy/contacts.js';
import { DialogTable } from './proxy/dialogs.js';
import { Router } from './proxy/router.js';
import { TransactionLayer } from './proxy/transactions.js';
import { createResponse } from './sip/build.js';
import { parseMessage } from './sip/parse.js';
import { parseCSeq, parseNameAddr, parseVia } from './sip/fields.js';
import type { SipResponse } from './sip/types.js';
import { LabTransport, type Connection } from './transport.js';
import { labStatus } from './status.js';
import { PresenceService } from './presence/service.js';
import { originMatcher } from './origins.js';

export interface LabServerOptions {
  readonly port?: number;
  readonly host?: string;
  /** A validated config, or raw input that is validated here. */
  readonly config: LabConfig | LabConfigInput;
  readonly log?: LabLogger;
  /** Browser origins allowed besides the config's `allowedOrigins` (the web host passes the page it serves). */
  readonly allowedOrigins?: readonly string[];
}

export interface LabServer {
  /** `ws://host:port` for SIP clients (subprotocol `sip`); `GET <http url>/status` for the status document. */
  readonly url: string;
  readonly port: number;
  readonly config: LabConfig;
  /** The `/status` document (no Contacts: they would let a stranger aim requests at an agent's phone). */
  status(): Record<string, unknown>;
  /** In-process only (tests): live bindings with their Contacts. */
  registrations(): Array<{ user: string; contact: string; connection: number }>;
  /** Let browser pages of this origin connect (an app started after the lab, on a port picked then). */
  allowOrigin(origin: string): void;
  close(): Promise<void>;
}

/** Start the lab SIP server. Port 0 picks a free port; `url` tells which. */
export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const config = parseLabConfig(options.config);
  const host = options.host ?? '127.0.0.1';
  const baseLog = options.log ?? jsonLineLogger();
  let transport: LabTransport | null = null;
  let router: Router | null = null;
  let presence: PresenceService | null = null;
  // The presence server reads the queue engine's offer/answer events for today's service level.
  const log: LabLogger = (event) => {
    presence?.observe(event);
    baseLog(event);
  };

  const longestWrapUpMs = Math.max(0, ...config.queues.map((q) => q.wrapUpSeconds * 1000));
  // The wrap-up hold ends by itself: look at the waiting callers again then.
  const afterHold = () => {
    if (longestWrapUpMs > 0) setTimeout(() => queues.agentsChanged(), longestWrapUpMs + 10).unref();
  };
  const registrar = new Registrar(config, Date.now, (user) => {
    board.registrationChanged(user, registrar.isRegistered(user));
    queues.agentsChanged();
    afterHold();
  });
  const calls = new CallTracker((users, what) => {
    if (what === 'ended') users.forEach((u) => board.callEnded(u));
    queues.agentsChanged();
    if (what === 'ended') afterHold();
  });
  const board = new AgentBoard(config, {
    isRegistered: (u) => registrar.isRegistered(u),
    activeCalls: (u) => calls.activeCallsOf(u),
  });
  const contacts = new ContactTable();
  const dialogs = new DialogTable();
  const origins = originMatcher([...config.allowedOrigins, ...(options.allowedOrigins ?? [])]);
  const throttle = new AuthThrottle({
    failuresBeforeDelay: config.auth.failuresBeforeDelay,
    maxDelayMs: config.auth.maxDelaySeconds * 1000,
  });
  const auth = new DigestAuthenticator({
    realm: config.domain,
    nonceTtlMs: config.auth.nonceTtlSeconds * 1000,
    algorithms: config.auth.algorithms,
    passwordOf: (u) => config.accounts.find((a) => a.user === u)?.password,
  });

  const onMessage = (conn: Connection, data: Buffer): void => {
    const parsed = parseMessage(data, config.limits);
    switch (parsed.kind) {
      case 'keepalive':
        conn.sendRaw('\r\n'); // RFC 5626 §4.4.1 pong
        return;
      case 'invalid':
        log({ event: 'sip-invalid', reason: parsed.reason, conn: conn.id });
        if (parsed.request && parsed.request.method !== 'ACK') {
          const reason = parsed.reason.slice(0, 80).replace(/[\r\n]/g, ' ');
          conn.send(withoutBrokenHeaders(createResponse(parsed.request, parsed.status, { reason })));
        }
        return;
      case 'message':
        if (parsed.message.kind === 'request') router!.handleRequest(conn, parsed.message);
        else router!.handleResponse(conn, parsed.message);
        return;
      default:
        throw missingCaseError(parsed);
    }
  };

  const onHttp = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/status') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(status()));
  };

  transport = new LabTransport(
    {
      host,
      port: options.port ?? 0,
      maxPayload: config.limits.maxMessageBytes * 4,
      messagesPerSecond: config.limits.messagesPerSecond,
      messageBurst: config.limits.messageBurst,
      maxConnections: config.limits.maxConnections,
      maxConnectionsPerAddress: config.limits.maxConnectionsPerAddress,
      unauthenticatedIdleMs: config.limits.unauthenticatedIdleSeconds * 1000,
      originAllowed: (origin) => origin === undefined || origins.allows(origin),
    },
    {
      onMessage,
      onHttp,
      onClose: (conn) => {
        // A caller whose socket closed cannot CANCEL any more: do it for them, so agents stop ringing for nobody.
        for (const st of txns.server.values()) {
          if (st.conn.id !== conn.id || st.finalStatus !== null || st.cancelled || st.request.method !== 'INVITE') continue;
          st.cancelled = true;
          st.onCancel?.();
        }
        // Read before the registrar forgets it: a registered phone may come back to its calls (issue 14).
        const phone = registrar.phoneOnConnection(conn.id);
        registrar.dropConnection(conn.id);
        contacts.dropConnection(conn.id);
        dialogs.dropConnection(conn.id);
        calls.dropConnection(conn.id, phone);
        presence?.dropConnection(conn.id);
        txns.dropConnection(conn.id);
      },
      // A peer's protocol error (oversized frame, bad handshake) is that peer's problem, not a server error.
      onError: (context, error) =>
        context.startsWith('connection ')
          ? log({ event: 'connection-error', context, error: String((error as Error)?.message ?? error) })
          : log({ event: 'error', context, error: String((error as Error)?.stack ?? error) }),
      onRefused: (reason, address, origin) =>
        log({ event: 'connection-refused', reason, address, ...(origin === undefined ? {} : { origin: origin.slice(0, 200) }) }),
    },
  );
  const address = await transport.listen();
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const viaHost = `${hostForUrl}:${address.port}`;
  const txns = new TransactionLayer(viaHost, log);
  const recordRoute = `<sip:${config.domain};transport=ws;lr>`;
  const queues = new QueueEngine(config, {
    txns,
    board,
    recordRoute,
    log,
    inviteTimeoutMs: config.inviteTimeoutSeconds * 1000,
    targetOf: (user) => {
      const binding = registrar.lookup(user)[0];
      const conn = binding && transport!.connection(binding.connId);
      return conn && binding ? { conn, uri: binding.contact.uri.raw } : null;
    },
    onAnswered: (st, agent, target) => {
      const caller = registrar.userOfConnection(st.conn.id);
      dialogs.join(getCallId(st.request), target.conn.id, agent);
      dialogs.confirm(getCallId(st.request));
      calls.answered(getCallId(st.request), [agent, ...(caller ? [caller] : [])], [st.conn.id, target.conn.id]);
    },
  });
  const localHosts = new Set([
    config.domain.toLowerCase(),
    host.toLowerCase(),
    hostForUrl.toLowerCase(),
    'localhost',
    '127.0.0.1',
    '[::1]',
  ]);
  presence = new PresenceService({
    config,
    txns,
    registrar,
    board,
    queues,
    calls,
    log,
    connection: (id) => transport!.connection(id),
  });
  router = new Router({
    presence,
    config,
    txns,
    registrar,
    auth,
    throttle,
    queues,
    board,
    calls,
    contacts,
    dialogs,
    localHosts,
    recordRoute,
    viaHost,
    log,
    connection: (id) => transport!.connection(id),
  });
  const sweeper = setInterval(() => {
    registrar.sweep();
    dialogs.sweep();
    calls.sweep();
  }, 5_000);
  sweeper.unref();

  const status = (): Record<string, unknown> =>
    labStatus({
      config,
      registrar,
      board,
      queues,
      calls,
      connections: () => transport!.connectionCount,
      droppedByRateLimit: () => transport!.droppedByRateLimit,
    });

  log({ event: 'lab-started', url: `ws://${viaHost}`, domain: config.domain });
  return {
    url: `ws://${viaHost}`,
    port: address.port,
    config,
    status,
    registrations: () => registrar.all().map((b) => ({ user: b.user, contact: b.contact.uri.raw, connection: b.connId })),
    allowOrigin: (origin) => origins.add(origin),
    close: async () => {
      clearInterval(sweeper);
      presence?.close();
      queues.close();
      await transport!.close();
    },
  };
}

/** A 400 echoes Via, From, To, Call-ID, CSeq; drop the copies that cannot parse so the sender can read the rest. */
function withoutBrokenHeaders(resp: SipResponse): SipResponse {
  const parses: Record<string, (v: string) => unknown> = {
    Via: parseVia,
    From: parseNameAddr,
    To: parseNameAddr,
    CSeq: parseCSeq,
  };
  resp.headers = resp.headers.filter((h) => {
    try {
      parses[h.name]?.(h.value);
      return true;
    } catch {
      return false;
    }
  });
  return resp;
}

function getCallId(req: { headers: Array<{ name: string; value: string }> }): string {
  return req.headers.find((h) => h.name === 'Call-ID')?.value ?? '';
}

function missingCaseError(x: never): Error {
  return new Error(`unhandled case ${JSON.stringify(x)}`);
}

/** The lab is a training toy with known passwords: it listens on loopback unless told otherwise. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  const h = host.replace(/^\[|\]$/g, '');
  return h === '::1' || h.startsWith('::ffff:127.');
}
