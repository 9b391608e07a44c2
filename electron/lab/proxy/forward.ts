import { parseSmallInt } from '../sip/fields.js';
import { getHeader, prependHeader, setHeader } from '../sip/headers.js';
import type { Header, SipRequest, SipResponse } from '../sip/types.js';
import type { Connection } from '../transport.js';
import { TIMER_64T1_MS, type ClientTxn, type ServerTxn, type TransactionLayer } from './transactions.js';

export interface Target {
  readonly conn: Connection;
  /** New Request-URI: the registered contact (RFC 3261 §16.5) or, in dialog, the remote target unchanged. */
  readonly uri: string;
}

export interface ForwardOptions {
  readonly recordRoute: string | null;
  readonly extraHeaders?: readonly Header[];
}

/** RFC 3261 §16.6 steps 1–7: copy, retarget, decrement Max-Forwards, Record-Route. Our Via is added on send. */
export function prepareForward(req: SipRequest, target: Target, options: ForwardOptions): SipRequest {
  const copy: SipRequest = {
    kind: 'request',
    method: req.method,
    uri: target.uri,
    body: req.body,
    headers: req.headers.map((h) => ({ ...h })),
  };
  const mf = getHeader(req, 'Max-Forwards');
  setHeader(copy, 'Max-Forwards', String(mf === undefined ? 70 : parseSmallInt(mf, 255) - 1));
  if (options.recordRoute !== null) prependHeader(copy, 'Record-Route', options.recordRoute);
  // Only the lab's ACD may say a call came through a queue or what state an agent is in: a client's
  // own copies of those headers are removed. Other X-Warmline-* headers (the escalation context an
  // agent attaches to a consult call) are end to end between clients and pass untouched.
  copy.headers = copy.headers.filter((h) => !SERVER_ASSERTED_HEADERS.has(h.name.toLowerCase()));
  for (const h of options.extraHeaders ?? []) setHeader(copy, h.name, h.value);
  return copy;
}

/** QUEUE_HEADER, QUEUE_WAIT_HEADER (acd/queues.ts) and AGENT_STATE_HEADER (acd/control.ts), spelled out: acd/ imports this module. */
const SERVER_ASSERTED_HEADERS = new Set(['x-warmline-queue', 'x-warmline-queue-wait', 'x-warmline-agent-state']);

/** RFC 3261 §16.7 step 6: 6xx beats everything, then the lowest class; 503 is not passed upstream as such. */
function better(a: SipResponse | null, b: SipResponse): boolean {
  if (a === null) return true;
  if (a.status >= 600) return false;
  if (b.status >= 600) return true;
  return Math.floor(b.status / 100) < Math.floor(a.status / 100);
}

export interface ForkHooks {
  /** After a 2xx to INVITE went upstream: the dialog is up between the caller and this branch's target. */
  onAnswered?(target: Target, resp: SipResponse): void;
  onFinal?(status: number): void;
}

/**
 * Parallel fork of one server transaction to every target (RFC 3261 §16.5–16.7): provisional and 2xx responses
 * go upstream as they come, the first 2xx (or a 6xx) cancels the other branches, and when every branch failed the
 * best final response goes upstream. An upstream CANCEL cancels all pending branches.
 */
export function fork(
  txns: TransactionLayer,
  st: ServerTxn,
  targets: readonly Target[],
  options: ForwardOptions,
  timeoutMs: number,
  hooks: ForkHooks = {},
): void {
  const branches: ClientTxn[] = [];
  let best: SipResponse | null = null;
  let answered = false;
  let pending = targets.length;
  const cancelOthers = (except: ClientTxn | null): void => {
    for (const b of branches) if (b !== except) txns.cancel(b);
  };
  st.onCancel = () => cancelOthers(null);
  for (const target of targets) {
    const request = prepareForward(st.request, target, options);
    const timeout = st.request.method === 'INVITE' ? timeoutMs : TIMER_64T1_MS;
    const ct = txns.send(request, target.conn, timeout, (resp) => {
      if (resp.status === 100) return;
      if (resp.status < 200) {
        txns.respond(st, resp);
        return;
      }
      pending--;
      if (resp.status < 300) {
        answered = true;
        txns.respond(st, resp);
        if (st.request.method === 'INVITE') hooks.onAnswered?.(target, resp);
        cancelOthers(ct);
        hooks.onFinal?.(resp.status);
        return;
      }
      if (better(best, resp)) best = resp;
      if (resp.status >= 600) cancelOthers(ct);
      if (pending === 0 && !answered && best !== null) {
        if (best.status === 503) {
          best.status = 500;
          best.reason = 'Server Internal Error';
        }
        txns.respond(st, best);
        hooks.onFinal?.(best.status);
      }
    });
    branches.push(ct);
  }
}
