/**
 * A call center's history, generated: what `history.bench.ts` measures against. Rows go in through
 * the app's own schema (the migrations, their CHECKs and the full-text triggers), with prepared
 * statements in large transactions, in the order the app writes them: a call when it ends.
 */
import type Database from 'better-sqlite3';

export const DAY = 86_400_000;

/** Deterministic, so two runs measure the same file. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ana',
  'Jan',
  'Sofie',
  'Lars',
  'Ingrid',
  'Maria',
  'José',
  'Renée',
  'Søren',
  'Åse',
  'Pieter',
  'Liam',
  'Noor',
  'Emma',
  'Bjørn',
  'Kristine',
  'Joy',
  'Rizal',
  'Mette',
  'Daan',
];
const LAST = [
  'Reyes',
  'de Vries',
  'Jansen',
  'Nielsen',
  'Hansen',
  'Olsen',
  'Santos',
  'Bakker',
  'Larsen',
  'Dela Cruz',
  'Johansen',
  'Visser',
  'Mendoza',
  'Berg',
  'Pedersen',
  'Garcia',
];
const COUNTRIES: readonly [string, number][] = [
  ['+31', 9],
  ['+45', 8],
  ['+47', 8],
  ['+63', 10],
  ['+44', 10],
];
const QUEUES = ['support', 'billing', 'sales', 'technical'];
// Weighted: the codes a real desk uses most come first and most often.
const DISPOSITIONS = [
  'resolved',
  'resolved',
  'resolved',
  'resolved',
  'callback-scheduled',
  'billing-question',
  'refund',
  'wrong-number',
  'complaint',
  'escalated',
];
/** A disposition almost no call has: the filter must still answer at once. */
export const RARE_DISPOSITION = 'fraud-suspected';

const NOTES: readonly string[] = [
  'Customer asked about the invoice for {month}; explained the charges and sent a copy by email.',
  'Parcel {ref} lost in transit; refund promised within 5 working days.',
  'Router keeps dropping the connection; walked through a factory reset, works now.',
  'Wants to cancel the subscription; offered a discount, customer will think about it.',
  'Klant belt over de factuur van {month}; uitleg gegeven, kopie gemaild.',
  'Pakket {ref} kwijt, terugbetaling beloofd binnen vijf werkdagen.',
  'Kunden ringede om fakturaen for {month}; forklarede gebyrerne og sendte en kopi.',
  'Pakken {ref} er forsvundet; refusion lovet inden for fem hverdage.',
  'Kunden lurte på fakturaen for {month}; forklarte gebyrene og sendte kopi på e-post.',
  'Ruteren mister forbindelsen; gikk gjennom tilbakestilling, virker nå.',
  'Nagtanong ang customer tungkol sa bill ng {month}; ipinaliwanag at pinadala ang kopya.',
  'Nawala ang parcel {ref}; nangako ng refund sa loob ng limang araw.',
  'Address change requested; updated and confirmed by SMS.',
  'Customer was upset about the waiting time; apologised and solved the billing error.',
];
const MONTHS = [
  'January',
  'februari',
  'marts',
  'april',
  'Mayo',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
/** A word in about one call in ten thousand. */
export const RARE_WORD = 'chargeback';
/** A surname only a few callers have. */
export const RARE_NAME = 'Xiomara';

export interface GeneratedHistory {
  readonly calls: number;
  readonly customers: number;
  readonly escalations: number;
  readonly notes: number;
  /** When the newest call ended: "now" for the figures. */
  readonly newest: number;
  /** A number that called often, for the digit search and the screen pop. */
  readonly frequentNumber: string;
}

/** `count` calls ending over `days` days up to `end`, in the order they ended. */
export function generateHistory(db: Database.Database, count: number, end: number, days = 730): GeneratedHistory {
  const random = prng(20_240_506);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const customerCount = Math.max(10, Math.floor(count / 6));
  const unique = new Set<string>();
  while (unique.size < customerCount) {
    const [prefix, digits] = pick(COUNTRIES);
    unique.add(prefix + String(Math.floor(random() * 10 ** digits)).padStart(digits, '1'));
  }
  const numbers = [...unique];
  const names = numbers.map((_, i) =>
    i % 997 === 500 ? `${pick(FIRST)} ${RARE_NAME}` : random() < 0.2 ? '' : `${pick(FIRST)} ${pick(LAST)}`,
  );

  const insertCustomer = db.prepare('INSERT INTO customers (key, display_name, updated_at) VALUES (?, ?, ?)');
  const insertCall = db.prepare(
    `INSERT INTO calls (seq, id, direction, remote_number, remote_name, customer_key, queue, started_at, answered_at, ended_at,
       end_reason, end_status, talk_ms, hold_ms, consult_ms, acw_ms, disposition, notes, mean_mos, wrapped_up_at, recorded_at)
     VALUES (@seq, @id, @direction, @number, @name, @customerKey, @queue, @startedAt, @answeredAt, @endedAt, @endReason, @endStatus,
       @talkMs, @holdMs, @consultMs, @acwMs, @disposition, @notes, @mos, @wrappedUpAt, @endedAt)`,
  );
  const insertEscalation = db.prepare(
    `INSERT INTO escalations (id, call_id, direction, verified, target_kind, target_value, target_name, reason, kind, severity,
       mood, summary, tried, promised, escalated_at, hold_ms, consult_ms, outcome, failure_reason, sip_status, recorded_at)
     VALUES (@id, @callId, 'sent', NULL, 'queue', @queue, '', @reason, @kind, @severity, @mood, @summary, @tried, '',
       @at, @holdMs, @consultMs, @outcome, NULL, NULL, @at)`,
  );
  const linkEscalation = db.prepare('UPDATE calls SET escalation_id = ? WHERE id = ?');
  const insertNote = db.prepare(
    `INSERT INTO customer_notes (customer_key, call_id, text, created_at, follow_up_at, follow_up_number, follow_up_closed_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?)`,
  );

  db.transaction(() => {
    numbers.forEach((n, i) => insertCustomer.run(`tel:${n}`, names[i] ?? '', end - days * DAY));
  })();

  const start = end - days * DAY;
  const step = (days * DAY) / count;
  let escalations = 0;
  let notes = 0;
  const BATCH = 50_000;
  for (let first = 0; first < count; first += BATCH) {
    db.transaction(() => {
      for (let i = first; i < Math.min(count, first + BATCH); i++) {
        // Repeat callers: a skewed pick makes a few customers call very often and most a few times.
        const who = Math.floor(customerCount * random() ** 2);
        const withheld = random() < 0.03;
        const number = withheld ? 'anonymous' : (numbers[who] ?? '');
        const endedAt = Math.round(start + i * step + random() * step * 0.5);
        const inbound = random() < 0.8;
        const outcome = random();
        const answered = outcome < 0.92;
        const endReason = answered
          ? random() < 0.06
            ? 'transfer-completed'
            : random() < 0.5
              ? 'remote-hangup'
              : 'local-hangup'
          : outcome < 0.97
            ? 'missed'
            : outcome < 0.99
              ? 'rejected'
              : 'failed';
        const connected = answered ? Math.round(30_000 + random() * random() * 1_200_000) : 0;
        const holdMs = answered && random() < 0.25 ? Math.round(random() * Math.min(connected, 180_000)) : 0;
        const answeredAt = answered ? endedAt - connected : null;
        const startedAt = (answeredAt ?? endedAt) - Math.round(2_000 + random() * 25_000);
        const wrapped = answered || random() < 0.5;
        const acwMs = wrapped ? Math.round(5_000 + random() * 60_000) : null;
        let disposition: string | null = wrapped ? pick(DISPOSITIONS) : null;
        if (wrapped && i % 2003 === 0) disposition = RARE_DISPOSITION;
        let text =
          !wrapped || random() < 0.15
            ? ''
            : pick(NOTES)
                .replace('{month}', pick(MONTHS))
                .replace('{ref}', `NL${100_000 + (i % 900_000)}`);
        if (text && i % 9973 === 0) text += ` Bank ${RARE_WORD} filed.`;
        const id = `bench-${i}`;
        insertCall.run({
          // The list order the writer keeps (migration 0090); end times here are all distinct.
          seq: BigInt(endedAt) * 1024n,
          id,
          direction: inbound ? 'inbound' : 'outbound',
          number,
          name: withheld ? '' : (names[who] ?? ''),
          customerKey: withheld ? null : `tel:${number}`,
          queue: inbound ? pick(QUEUES) : '',
          startedAt,
          answeredAt,
          endedAt,
          endReason,
          endStatus: endReason === 'rejected' ? 486 : endReason === 'failed' ? 503 : null,
          talkMs: Math.max(0, connected - holdMs),
          holdMs,
          consultMs: 0,
          acwMs,
          disposition,
          notes: text,
          mos: answered ? Math.round((3.2 + random() * 1.2) * 100) / 100 : null,
          wrappedUpAt: acwMs === null ? null : endedAt + acwMs,
        });
        if (answered && random() < 0.04) {
          const escalationId = (i + 1).toString(16).padStart(32, '0');
          const functional = random() < 0.4;
          insertEscalation.run({
            id: escalationId,
            callId: id,
            queue: functional ? 'technical' : 'senior',
            reason: functional ? 'lacks-expertise' : 'wants-higher-authority',
            kind: functional ? 'functional' : 'hierarchical',
            severity: 1 + Math.floor(random() * 4),
            mood: pick(['calm', 'frustrated', 'angry']),
            summary: 'Customer wants a refund above the agent limit',
            tried: 'Offered a voucher',
            at: endedAt - Math.round(connected / 2),
            holdMs: 40_000,
            consultMs: 35_000,
            outcome: random() < 0.85 ? 'transferred' : 'cancelled',
          });
          linkEscalation.run(escalationId, id);
          escalations += 1;
        }
        if (!withheld && random() < 0.05) {
          const followUp = random() < 0.3 ? endedAt + DAY : null;
          const closed = followUp !== null && endedAt < end - 7 * DAY ? followUp + 3_600_000 : null;
          insertNote.run(
            `tel:${number}`,
            id,
            'Prefers a call in the morning; speaks Dutch and English.',
            endedAt,
            followUp,
            closed,
          );
          notes += 1;
        }
      }
    })();
  }
  const frequent = numbers[0] ?? '';
  return { calls: count, customers: customerCount, escalations, notes, newest: end, frequentNumber: frequent };
}
