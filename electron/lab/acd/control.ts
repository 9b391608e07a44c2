import type { AgentBoard } from './agents.js';

/** The URI user of the control endpoint: `sip:queue-control@<domain>`. */
export const CONTROL_USER = 'queue-control';
/** Header on the 200 answer: RFC 3428 §7 forbids a body in a 2xx to MESSAGE, so the state rides in a header. */
export const AGENT_STATE_HEADER = 'X-Warmline-Agent-State';

export type ControlResult =
  | { readonly ok: true; readonly state: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/** Call pickup in the agent's queues (QueueEngine.pickup). */
export type Pickup = (picker: string, caller: string) => 'offered' | 'no-call' | 'not-free';

/**
 * Agent availability over plain SIP (documented in electron/lab/README.md): an authenticated MESSAGE with a
 * text/plain body of one command. Any client that can send MESSAGE can log in, log out, pause and unpause.
 *   login <queue> | logout [<queue>] | pause [<queue>] | unpause [<queue>] | status | pickup <agent>
 * Without a queue, pause/unpause/logout apply to every queue the agent is a member of. `pickup`
 * takes the escalation consult of <agent> that waits or rings in one of the agent's queues.
 */
export function runControlCommand(board: AgentBoard, user: string, body: string, pickup?: Pickup): ControlResult {
  const words = body
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0 || words.length > 2) return { ok: false, status: 400, reason: 'Expected one command' };
  const [command, queue] = [words[0]!.toLowerCase(), words[1]];
  if (!['login', 'logout', 'pause', 'unpause', 'status', 'pickup'].includes(command)) {
    return { ok: false, status: 400, reason: 'Unknown command' };
  }
  if (command === 'pickup') {
    const caller = words[1];
    if (caller === undefined || !/^[\w.+-]{1,64}$/.test(caller) || !pickup)
      return { ok: false, status: 400, reason: 'pickup needs an agent' };
    const picked = pickup(user, caller);
    if (picked === 'no-call') return { ok: false, status: 404, reason: 'No Such Consult' };
    if (picked === 'not-free') return { ok: false, status: 403, reason: 'Not Free To Pick Up' };
    return { ok: true, state: describeAgent(board, user) };
  }
  const memberOf = board.queuesOf(user);
  if (queue !== undefined && !memberOf.includes(queue)) {
    return { ok: false, status: 403, reason: `Not a member of queue ${queue.slice(0, 32)}` };
  }
  const queues = queue === undefined ? memberOf : [queue];
  switch (command) {
    case 'login':
      if (queue === undefined) return { ok: false, status: 400, reason: 'login needs a queue' };
      board.login(user, queue);
      break;
    case 'logout':
      queues.forEach((q) => board.logout(user, q));
      break;
    case 'pause':
      queues.forEach((q) => board.pause(user, q));
      break;
    case 'unpause':
      queues.forEach((q) => board.unpause(user, q));
      break;
    case 'status':
      break;
    default:
      return { ok: false, status: 400, reason: 'Unknown command' };
  }
  return { ok: true, state: describeAgent(board, user) };
}

/** `support=available, senior=paused`: one entry per queue the agent is a member of. */
export function describeAgent(board: AgentBoard, user: string): string {
  return (
    board
      .queuesOf(user)
      .map((q) => `${q}=${board.state(user, q)}`)
      .join(', ') || 'none'
  );
}
