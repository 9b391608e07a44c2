import { err, ok, type Result } from '../result';
import { childrenNamed, escapeXml, firstChild, parseXml, type XmlError } from './xml';

/**
 * The `dialog` event package (RFC 4235): which calls a colleague is in, for the busy lamp and
 * "on a call for 3:12" where a server gives no Warmline presence. Only what the team list needs
 * is read: each dialog's state, direction, and the other party.
 */
export const DIALOG_INFO_NS = 'urn:ietf:params:xml:ns:dialog-info';
export const DIALOG_INFO_CONTENT_TYPE = 'application/dialog-info+xml';

export const DIALOG_STATES = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'] as const;
export type DialogState = (typeof DIALOG_STATES)[number];

export interface DialogInfoEntry {
  readonly id: string;
  readonly state: DialogState;
  readonly direction: 'initiator' | 'recipient' | undefined;
  /** The other party's identity URI, as the server wrote it (capped). */
  readonly remote: string;
  /** Seconds since the dialog was created, when the server says (`<duration>`). */
  readonly durationSeconds?: number;
}

export interface DialogInfo {
  readonly entity: string;
  readonly version: number;
  /** `full` replaces what the watcher knew; `partial` updates only the dialogs it names. */
  readonly full: boolean;
  readonly dialogs: readonly DialogInfoEntry[];
}

/** What the busy lamp shows for a set of dialogs: on a call beats ringing beats idle. */
export function lampOf(dialogs: readonly DialogInfoEntry[]): 'idle' | 'ringing' | 'on-call' {
  if (dialogs.some((d) => d.state === 'confirmed')) return 'on-call';
  if (dialogs.some((d) => d.state === 'early' || d.state === 'proceeding' || d.state === 'trying')) return 'ringing';
  return 'idle';
}

const MAX_DIALOGS = 64;
const cap = (text: string, n: number) =>
  Array.from(text.replace(/[\p{Cc}\p{Cf}]/gu, ''))
    .slice(0, n)
    .join('');

export function parseDialogInfo(body: string): Result<DialogInfo, XmlError | 'not-dialog-info'> {
  const parsed = parseXml(body);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.ns !== DIALOG_INFO_NS || root.name !== 'dialog-info') return err('not-dialog-info');
  const version = Number(root.attributes.get('version'));
  const stateAttr = root.attributes.get('state');
  if (!Number.isInteger(version) || version < 0 || (stateAttr !== 'full' && stateAttr !== 'partial')) {
    return err('not-dialog-info');
  }
  const dialogs: DialogInfoEntry[] = [];
  for (const d of childrenNamed(root, DIALOG_INFO_NS, 'dialog').slice(0, MAX_DIALOGS)) {
    const state = firstChild(d, DIALOG_INFO_NS, 'state')?.text ?? '';
    if (!(DIALOG_STATES as readonly string[]).includes(state)) continue;
    const direction = d.attributes.get('direction');
    const remote = firstChild(d, DIALOG_INFO_NS, 'remote');
    const identity = remote ? (firstChild(remote, DIALOG_INFO_NS, 'identity')?.text ?? '') : '';
    const duration = Number(firstChild(d, DIALOG_INFO_NS, 'duration')?.text);
    dialogs.push({
      id: cap(d.attributes.get('id') ?? '', 128),
      state: state as DialogState,
      direction: direction === 'initiator' || direction === 'recipient' ? direction : undefined,
      remote: cap(identity, 256),
      ...(Number.isFinite(duration) && duration >= 0 ? { durationSeconds: Math.floor(duration) } : {}),
    });
  }
  return ok({ entity: cap(root.attributes.get('entity') ?? '', 256), version, full: stateAttr === 'full', dialogs });
}

/** A full dialog-info document (what the lab sends a watcher). */
export function buildDialogInfo(info: Omit<DialogInfo, 'full'>): string {
  const dialogs = info.dialogs
    .map(
      (d) =>
        `<dialog id="${escapeXml(d.id)}"${d.direction ? ` direction="${d.direction}"` : ''}><state>${d.state}</state>` +
        (d.durationSeconds === undefined ? '' : `<duration>${d.durationSeconds}</duration>`) +
        (d.remote ? `<remote><identity>${escapeXml(d.remote)}</identity></remote>` : '') +
        '</dialog>',
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><dialog-info xmlns="${DIALOG_INFO_NS}" version="${info.version}" state="full" entity="${escapeXml(info.entity)}">${dialogs}</dialog-info>`;
}
