// Sample contexts and hand-made headers for the escalation tests: pure data, kept out of the test files.
import type { Locale } from '../locales';
import { base64urlEncode, utf8Encode } from './bytes';
import { encodeOlderFormat } from './older-format';
import { escalationContextSchema, type EscalationContextInput } from './schema';
import { seal } from './sealed';
import { hmacSha256 } from './web-crypto';
import { toWire } from './wire';

export const TEAM_KEY = 'correct horse battery staple, team blue';
export const OTHER_KEY = 'correct horse battery staple, team red';
export const T = 1_700_000_000_000;

/** The consult INVITE a test context is sealed to, and that INVITE as the senior's phone sees it. */
export const CONSULT_CALL_ID = 'wl-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const sealTo = { binding: { kind: 'consult', sipCallId: CONSULT_CALL_ID }, now: T + 240_000 } as const;
export const onConsult = { sipCallId: CONSULT_CALL_ID, caller: '1001', at: T + 241_000 } as const;

/** Agent 1001 escalates Dana's twice-charged bill to the senior queue after 4 minutes on the call. */
export const dana: EscalationContextInput = {
  v: 1,
  id: '0123456789abcdef0123456789abcdef',
  customer: { name: 'Dana Customer', number: '+15551234', reference: 'ACC-778812' },
  fromQueue: 'billing',
  target: { kind: 'queue', queue: 'senior' },
  reason: 'solution-not-accepted',
  severity: 2,
  summary: 'Charged twice for March; refuses a credit note, wants a refund',
  tried: 'Checked both charges in the ledger.\nOffered a credit note on the next bill.',
  promised: 'Someone with refund authority will decide today.',
  mood: 'frustrated',
  note: 'Second call about this; was cut off last time.',
  agent: { id: '1001', name: 'Ana Reyes' },
  time: { callStartedAt: T, escalatedAt: T + 240_000, waitedSeconds: 95, heldSeconds: 12 },
};

/** The same story told in each UI language, with the names and emoji real customers bring. */
export const stories: Readonly<Record<Locale, EscalationContextInput>> = {
  en: {
    ...dana,
    customer: { name: 'Zoë O’Brien 👩🏽‍💻', number: '+447700900123', reference: 'TICKET #4411' },
    summary: 'Router drops every night at 02:00 — needs a line test 🛜',
    note: 'Customer is a nurse on night shifts; please call after 14:00 “if possible”.',
  },
  nl: {
    ...dana,
    customer: { name: 'Geertruida van ’t Hoff-IJsselstein', number: '+31201234567', reference: 'KLANT-ÉÉN' },
    summary: 'Dubbel afgeschreven in maart; wil geen tegoed maar geld terug 💶',
    tried: 'Beide afschrijvingen nagekeken.\nTegoed aangeboden — geweigerd.',
    note: 'Belt voor de tweede keer; geïrriteerd, maar beleefd. Café-eigenaar.',
  },
  da: {
    ...dana,
    customer: { name: 'Søren Ærbøe Ågård', number: '+4533123456', reference: 'SAG-ÆØÅ-9' },
    summary: 'Kunden vil tale med en leder om opsigelsesgebyret 😤',
    tried: 'Forklaret gebyret.\nTilbudt halv pris — afvist.',
    note: 'Rødgrød med fløde: kunden nævnte, at han har været kunde i 20 år.',
  },
  nb: {
    ...dana,
    customer: { name: 'Åse Øvrebø-Lærdal', number: '+4722123456', reference: 'SAK-ÅØÆ-12' },
    summary: 'Kunden ønsker å snakke med en som kan gi kompensasjon 🫐',
    promised: 'Tilbakemelding før kl. 16 i dag.',
    note: 'Blåbærsyltetøy og æøå ÆØÅ: alt skal komme fram uendret.',
  },
  tl: {
    ...dana,
    customer: { name: 'Maria Dela Cruz-Santo Niño', number: '+639171234567', reference: 'KASO-Ñ-77' },
    summary: 'Gusto ng customer na makausap ang superbisor tungkol sa refund 🙏🏽',
    tried: 'Sinuri ang dalawang bayad.\nNag-alok ng credit — tinanggihan.',
    note: 'Salamat po! Ikalawang tawag na niya ngayong araw. Ñ ñ ng mga.',
    mood: 'angry',
  },
};

/** Names from further afield, for every name-like field at once. */
export const nonLatin = ['Ελένη Παπαδοπούλου', 'Иван Петров', '李娜', 'محمد علي', 'שרה כהן', '田中 花子', '👨‍👩‍👧‍👦 🇳🇴'] as const;

/** A header made by hand from any JSON, signed the documented way when a key is given: for what our encoder would never make. */
export async function rawHeader(json: unknown, key?: string): Promise<string> {
  const payload = base64urlEncode(utf8Encode(typeof json === 'string' ? json : JSON.stringify(json)));
  const mac = key ? base64urlEncode(await hmacSha256(key, utf8Encode(`X-Warmline-Context:${payload}`))) : '';
  return `${payload}.${mac}`;
}

/**
 * A sealed header made by hand from any JSON (or text standing for it), with an envelope that is
 * valid for `onConsult`: for content our encoder would never seal.
 */
export async function sealedHeader(json: unknown, key: string): Promise<string> {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return (await seal('X-Warmline-Context', text, key, sealTo.binding, sealTo.now, 15 * 60_000)).value;
}

/** A context in the older, signed-only format, as Warmline wrote it before contexts were sealed. */
export function olderHeader(input: EscalationContextInput, key?: string): Promise<string> {
  return encodeOlderFormat('X-Warmline-Context', JSON.stringify(toWire(escalationContextSchema.parse(input))), key);
}

/** The wire form of `dana` (what toWire makes), for hand-made variations. */
export const danaWire = {
  v: 1,
  i: dana.id,
  c: { n: 'Dana Customer', p: '+15551234', r: 'ACC-778812' },
  q: 'billing',
  t: { k: 'queue', q: 'senior' },
  r: 'solution-not-accepted',
  s: 2,
  u: dana.summary,
  y: dana.tried,
  o: dana.promised,
  m: 'frustrated',
  n: dana.note,
  a: { i: '1001', n: 'Ana Reyes' },
  tm: { c: T, e: T + 240_000, w: 95, h: 12 },
} as const;
