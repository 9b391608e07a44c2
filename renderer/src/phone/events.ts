/**
 * Everything the phone tells the rest of the app, in one union. The UI, the stores and the
 * tests switch over `type`; no other module invents event names.
 */
import type { DeclineReason } from '../../../shared/call/call';
import type { ReceivedOn } from '../../../shared/escalation';

/** Opaque id of one call (one SIP dialog), stable for the call's life. */
export type CallId = string & { readonly __brand: 'CallId' };

export type CallDirection = 'inbound' | 'outbound';

export interface RemoteParty {
  /** Display name as the network sent it: untrusted, control characters removed, capped. */
  readonly name?: string;
  /** User part of the remote URI (a phone number or extension), capped. */
  readonly number: string;
  readonly uri: string;
  /** No server asserted who this is and the From names another domain: the caller's own claim, unchecked. */
  readonly unverified?: true;
}

/** The queue a call came from, when the server says so (`X-Warmline-Queue*` headers). */
export interface QueueInfo {
  readonly name: string;
  readonly waitSeconds?: number;
}

export interface CallInfo {
  readonly callId: CallId;
  readonly direction: CallDirection;
  readonly remote: RemoteParty;
  readonly queue?: QueueInfo;
  /**
   * The raw escalation context an escalating agent attached (`X-Warmline-Context`), capped but
   * not decoded or trusted: the escalation feature verifies and validates it.
   */
  readonly contextHeader?: string;
  /** The INVITE that brought `contextHeader` (its Call-ID, caller and time): what a sealed context must be for. */
  readonly contextReceived?: ReceivedOn;
  /** A colleague's escalation consult (`X-Warmline-Leg: consult`), not a customer call. */
  readonly colleagueConsult?: true;
  /** RFC 7433 User-to-User value, for servers that pass UUI but strip X- headers. */
  readonly userToUser?: string;
  /**
   * This call takes over `replaces` (an INVITE with Replaces, RFC 3891): a colleague completed
   * a warm transfer to us, and the customer now calls in place of the consult call.
   */
  readonly replaces?: CallId;
}

/** Why registration is not working, in terms the UI can put into words. */
export type RegistrationFailureReason =
  | 'wrong-password' // 401/403/407 after we answered the challenge
  | 'server-unreachable' // WebSocket refused, dropped or never answered (TLS failures look the same to a page)
  | 'timeout' // connected, but the REGISTER got no answer
  | 'refused'; // any other final failure (404 unknown user, 5xx, ...)

export interface RegistrationFailure {
  readonly reason: RegistrationFailureReason;
  /** The SIP status when there was a response: for the detail line. */
  readonly status?: number;
  /** Reason phrase or transport detail; server-supplied, so show as text only. */
  readonly detail: string;
}

export type RegistrationStatus =
  | { readonly state: 'stopped' }
  | { readonly state: 'connecting'; readonly attempt: number; readonly lastFailure?: RegistrationFailure }
  | { readonly state: 'registering' }
  /** `recovered` is true when this registration follows a lost connection: "reconnected". */
  | {
      readonly state: 'registered';
      readonly recovered: boolean;
      /** Signed in, but the registration is dropped on purpose while paused in the queues. */
      readonly parked?: true;
    }
  | { readonly state: 'unregistered' }
  | { readonly state: 'failed'; readonly failure: RegistrationFailure };

/** Why a call ended, mapped from SIP status codes and JsSIP's causes. */
export type EndCause =
  | 'hangup' // BYE from either side, see `by`
  | 'rejected' // declined: by the agent (486) or by the far end (403/603)
  | 'busy' // 486/600
  | 'cancelled' // caller gave up before answer
  | 'no-answer'
  | 'unavailable' // 480/408/410
  | 'not-found' // 404/604
  | 'address-incomplete'
  | 'media-failed' // SDP or WebRTC failure, no microphone
  | 'connection-lost' // transport or dialog error, request timeout
  | 'failed'; // any other SIP failure

export type EndedBy = 'local' | 'remote' | 'system';

/**
 * A call's network trouble as the agent should see it: signalling lost (audio may still flow),
 * the audio path lost (ICE restart under way), no recovery for a while (the agent chooses:
 * keep trying or hang up), or healed. `no-audio` is a call whose audio never connected (ICE
 * failed before it ever worked: the network lets no media through), `no-audio-no-turn` the same
 * with no TURN server set, the usual cause and fix for a firewall that blocks UDP.
 */
export type CallNetworkState = 'reconnecting' | 'reconnecting-audio' | 'stalled' | 'no-audio' | 'no-audio-no-turn' | 'recovered';

export type PhoneEvent =
  | { readonly type: 'registration'; readonly status: RegistrationStatus }
  | { readonly type: 'incoming'; readonly call: CallInfo; readonly waiting: boolean }
  /** An INVITE with Replaces for one of our calls, answered at once: the call continues with another party. */
  | { readonly type: 'replacing'; readonly call: CallInfo }
  /**
   * A call refused because the agent was not Available (486), or was signing out (480): logged, never silently
   * dropped.
   */
  | { readonly type: 'refused'; readonly call: CallInfo; readonly status: 480 | 486 }
  /**
   * A ringing call's INVITE went with the WebSocket it came on: no answer can reach the caller any more, and the
   * server has withdrawn the offer (a queue offers the call again once we are back). Off the desk, not a call that
   * ended: no history, no missed call.
   */
  | { readonly type: 'offer-lost'; readonly callId: CallId }
  | { readonly type: 'dialing'; readonly call: CallInfo }
  /** The far end rings (180), or, `queued`, the call waits in a queue for a member (182 Queued, RFC 3261 §21.1.4). */
  | { readonly type: 'ringing'; readonly callId: CallId; readonly queued?: true }
  | { readonly type: 'answered'; readonly callId: CallId }
  | { readonly type: 'held'; readonly callId: CallId; readonly by: 'local' | 'remote' }
  | { readonly type: 'resumed'; readonly callId: CallId; readonly by: 'local' | 'remote' }
  /** The far end refused our hold/resume re-INVITE (e.g. 488): the call goes on as it was. */
  | { readonly type: 'hold-failed'; readonly callId: CallId; readonly status: number; readonly resuming: boolean }
  | { readonly type: 'muted'; readonly callId: CallId }
  | { readonly type: 'unmuted'; readonly callId: CallId }
  | { readonly type: 'dtmf-sent'; readonly callId: CallId; readonly digit: string }
  | { readonly type: 'call-network'; readonly callId: CallId; readonly state: CallNetworkState }
  | { readonly type: 'transfer-accepted'; readonly callId: CallId }
  | { readonly type: 'transfer-failed'; readonly callId: CallId; readonly status?: number }
  | {
      readonly type: 'ended';
      readonly callId: CallId;
      readonly cause: EndCause;
      readonly by: EndedBy;
      readonly status?: number;
      /** Why a colleague declined our consult call (their Reason header), when it is one we know. */
      readonly declineReason?: DeclineReason;
    };

/** Why a consultee declines an escalation: defined with the call model, where a declined consult keeps it. */
export { DECLINE_REASONS, type DeclineReason } from '../../../shared/call/call';

export type PhoneEventType = PhoneEvent['type'];
export type PhoneListener = (event: PhoneEvent) => void;

/** Why a command was not carried out; commands never throw for these. */
export type CommandError =
  | 'not-configured'
  | 'invalid-config'
  | 'no-such-call'
  | 'wrong-state'
  | 'invalid-target'
  | 'invalid-digits'
  | 'media-unavailable';
