/**
 * Dialogs the proxy has seen set up (issue 17, finding 2). In-dialog requests are not challenged (the dialog was
 * authorised when it was set up), so the lab lets one pass only when it belongs to a dialog whose dialog-creating
 * request it forwarded with its Record-Route: same Call-ID, one of the tags is the initiator's From tag, and both
 * the sender's connection and the target's are the dialog's parties. Anything else gets 481 (RFC 3261 §12.2.2).
 *
 * The Call-ID plus the initiator's tag is enough to tell dialogs apart here (the callee's tag varies per fork
 * branch, and a NOTIFY may arrive before the 2xx that fixes it, RFC 6665 §4.1.2.4); the connection check is what
 * keeps a stranger out, since a WebSocket connection cannot be borrowed.
 */
interface Dialog {
  readonly callId: string;
  readonly tags: Set<string>;
  /** Connection id → the authenticated account on it, when known. */
  readonly parties: Map<number, string | null>;
  readonly openedAt: number;
  confirmed: boolean;
  /** Set by a BYE: the dialog is forgotten after a grace period (NOTIFYs of a transfer may still follow). */
  endsAt: number | null;
  /**
   * Accounts whose connection dropped while the dialog was up, with when: a phone whose WebSocket dropped
   * mid-call reconnects, registers again as the same account and goes on with its call (issue 14).
   */
  readonly orphans: Map<string, number>;
}

/** An authenticated client may hold this many dialogs per connection; the oldest go first beyond it. */
const MAX_DIALOGS_PER_CONNECTION = 500;
/** After BYE, late requests of the same dialog (the NOTIFYs of a REFER subscription) may still pass. */
const GRACE_AFTER_BYE_MS = 32_000;
/** A dialog never answered (a queue call abandoned, a failed INVITE whose end we missed) is dropped after this. */
const UNCONFIRMED_TTL_MS = 15 * 60_000;
/** How long an account that lost its connection may take to come back to its dialogs. */
const REBIND_WINDOW_MS = 5 * 60_000;

export class DialogTable {
  private readonly byCallId = new Map<string, Dialog>();
  private readonly byConn = new Map<number, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** An authenticated dialog-creating request from `connId` is being forwarded. */
  open(callId: string, fromTag: string | null, connId: number, user: string | null): void {
    let dialog = this.byCallId.get(callId);
    if (!dialog) {
      dialog = {
        callId,
        tags: new Set(),
        parties: new Map(),
        openedAt: this.now(),
        confirmed: false,
        endsAt: null,
        orphans: new Map(),
      };
      this.byCallId.set(callId, dialog);
    }
    if (fromTag !== null) dialog.tags.add(fromTag);
    dialog.endsAt = null;
    this.addParty(dialog, connId, user);
  }

  /** The request went to `connId` (a fork branch, the agent a queue rang). */
  join(callId: string, connId: number, user: string | null): void {
    const dialog = this.byCallId.get(callId);
    if (dialog) this.addParty(dialog, connId, user);
  }

  confirm(callId: string): void {
    const dialog = this.byCallId.get(callId);
    if (dialog) dialog.confirmed = true;
  }

  /** The dialog-creating request failed before any dialog was confirmed: nothing of it may be used any more. */
  failed(callId: string): void {
    const dialog = this.byCallId.get(callId);
    if (dialog && !dialog.confirmed) this.remove(dialog);
  }

  ended(callId: string): void {
    const dialog = this.byCallId.get(callId);
    if (dialog && dialog.endsAt === null) dialog.endsAt = this.now() + GRACE_AFTER_BYE_MS;
  }

  /**
   * Whether an in-dialog request from `fromConn` with these tags may go to `toConn`. Returns the sender's account
   * on that dialog (null if unknown) or undefined when the request belongs to no dialog seen here.
   */
  admit(
    callId: string,
    tags: readonly (string | null)[],
    fromConn: number,
    toConn: number | null,
  ): { readonly user: string | null } | undefined {
    const dialog = this.byCallId.get(callId);
    if (!dialog) return undefined;
    if (dialog.endsAt !== null && dialog.endsAt < this.now()) {
      this.remove(dialog);
      return undefined;
    }
    if (!tags.some((t) => t !== null && dialog.tags.has(t))) return undefined;
    if (!dialog.parties.has(fromConn)) return undefined;
    if (toConn !== null && !dialog.parties.has(toConn)) return undefined;
    return { user: dialog.parties.get(fromConn) ?? null };
  }

  dropConnection(connId: number): void {
    for (const callId of this.byConn.get(connId) ?? []) {
      const dialog = this.byCallId.get(callId);
      if (!dialog) continue;
      const user = dialog.parties.get(connId);
      dialog.parties.delete(connId);
      if (user && dialog.confirmed && dialog.endsAt === null) dialog.orphans.set(user, this.now());
      if (dialog.parties.size === 0 && dialog.orphans.size === 0) this.byCallId.delete(callId);
    }
    this.byConn.delete(connId);
  }

  /**
   * `user` authenticated on `connId` (a REGISTER after a reconnect): the dialogs it held on a connection that
   * dropped are its again, on the new connection. Only the same account, only within the window.
   */
  rebind(user: string, connId: number): void {
    const since = this.now() - REBIND_WINDOW_MS;
    for (const dialog of this.byCallId.values()) {
      const droppedAt = dialog.orphans.get(user);
      if (droppedAt === undefined) continue;
      dialog.orphans.delete(user);
      if (droppedAt >= since && dialog.endsAt === null) this.addParty(dialog, connId, user);
    }
  }

  /**
   * `user`'s phone registered its Contact again from `toConn` while the connection it had (`fromConn`) is still
   * open: the phone moved to a new network and the old connection is half-open, its peer gone without a FIN
   * (RFC 5626: the newest flow of a Contact is the one to use). The dialogs `user` held on `fromConn` go with it.
   */
  handOver(user: string, fromConn: number, toConn: number): void {
    for (const callId of [...(this.byConn.get(fromConn) ?? [])]) {
      const dialog = this.byCallId.get(callId);
      if (!dialog || dialog.parties.get(fromConn) !== user) continue;
      dialog.parties.delete(fromConn);
      this.byConn.get(fromConn)?.delete(callId);
      this.addParty(dialog, toConn, user);
    }
  }

  /** Forget dialogs past their grace period or never answered; called periodically. */
  sweep(): void {
    const now = this.now();
    for (const dialog of this.byCallId.values()) {
      for (const [user, droppedAt] of dialog.orphans) if (now - droppedAt > REBIND_WINDOW_MS) dialog.orphans.delete(user);
      if (
        (dialog.endsAt !== null && dialog.endsAt < now) ||
        (!dialog.confirmed && now - dialog.openedAt > UNCONFIRMED_TTL_MS) ||
        (dialog.parties.size === 0 && dialog.orphans.size === 0)
      ) {
        this.remove(dialog);
      }
    }
  }

  get size(): number {
    return this.byCallId.size;
  }

  private addParty(dialog: Dialog, connId: number, user: string | null): void {
    if (!dialog.parties.has(connId) || user !== null) dialog.parties.set(connId, user);
    let ids = this.byConn.get(connId);
    if (!ids) this.byConn.set(connId, (ids = new Set()));
    ids.add(dialog.callId);
    if (ids.size > MAX_DIALOGS_PER_CONNECTION) {
      const oldest = this.byCallId.get(ids.values().next().value!);
      if (oldest) this.remove(oldest);
    }
  }

  private remove(dialog: Dialog): void {
    this.byCallId.delete(dialog.callId);
    for (const connId of dialog.parties.keys()) this.byConn.get(connId)?.delete(dialog.callId);
  }
}
