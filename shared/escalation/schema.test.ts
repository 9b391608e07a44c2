import { describe, expect, it } from 'vitest';
import type { TransferTarget } from '../call/call';
import { dana } from './escalation.fixtures';
import {
  ESCALATION_LIMITS,
  ESCALATION_REASON_INFO,
  ESCALATION_REASONS,
  escalationContextSchema,
  escalationKind,
  MOODS,
  SEVERITIES,
  type EscalationContext,
  type EscalationContextInput,
} from './schema';
import { containsMarkup } from './text';

const parse = (patch: Partial<EscalationContextInput>) => escalationContextSchema.safeParse({ ...dana, ...patch });
const messages = (patch: Partial<EscalationContextInput>) => {
  const r = parse(patch);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('the escalation taxonomy', () => {
  it('sends missing expertise across to the technical queue and everything else up to the senior queue', () => {
    expect(escalationKind('lacks-expertise')).toBe('functional');
    expect(ESCALATION_REASON_INFO['lacks-expertise'].queue).toBe('technical');
    for (const reason of ESCALATION_REASONS.filter((r) => r !== 'lacks-expertise')) {
      expect(escalationKind(reason)).toBe('hierarchical');
      expect(ESCALATION_REASON_INFO[reason].queue).toBe('senior');
    }
  });

  it('routes only an abusive or threatening customer to a supervisor', () => {
    expect(ESCALATION_REASONS.filter((r) => ESCALATION_REASON_INFO[r].supervisor)).toEqual(['abusive-or-threatening']);
  });

  it('gives the menus every value, in order', () => {
    expect(ESCALATION_REASONS).toEqual([
      'lacks-expertise',
      'wants-higher-authority',
      'solution-not-accepted',
      'volume-or-wait-time',
      'abusive-or-threatening',
    ]);
    expect(MOODS).toEqual(['calm', 'frustrated', 'angry', 'abusive']);
    expect(SEVERITIES).toEqual([1, 2, 3, 4]);
  });
});

describe('an escalation context', () => {
  it('accepts the sample and fills what was left out', () => {
    const r = escalationContextSchema.parse({ ...dana, tried: undefined, customer: {}, fromQueue: undefined });
    expect(r.v).toBe(1);
    expect(r.tried).toBe('');
    expect(r.customer).toEqual({ name: '', number: '', reference: '' });
  });

  it('has a target that the phone can dial as a TransferTarget', () => {
    const target: TransferTarget = escalationContextSchema.parse(dana).target;
    expect(target).toEqual({ kind: 'queue', queue: 'senior' });
    for (const t of [
      { kind: 'queue', queue: 'technical' },
      { kind: 'agent', agentId: '1002', displayName: 'Bo Senior' },
      { kind: 'agent', agentId: '1002' },
      { kind: 'external', number: '+4722000000' },
    ] as const) {
      expect(parse({ target: t }).success).toBe(true);
    }
  });

  it.each([
    ['an unknown queue', { target: { kind: 'queue', queue: 'sales' } }],
    ['an agent without an id', { target: { kind: 'agent', agentId: '  ' } }],
    ['an external number with letters', { target: { kind: 'external', number: '+47 call me' } }],
    ['an unknown reason', { reason: 'bored' }],
    ['severity 0', { severity: 0 }],
    ['severity 5', { severity: 5 }],
    ['severity 2.5', { severity: 2.5 }],
    ['an unknown mood', { mood: 'ecstatic' }],
    ['an empty summary', { summary: '   ' }],
    ['a malformed id', { id: 'not-an-id' }],
    ['an escalation before the call started', { time: { ...dana.time, escalatedAt: dana.time.callStartedAt - 1 } }],
    ['a negative hold', { time: { ...dana.time, heldSeconds: -1 } }],
    ['a hold longer than a day', { time: { ...dana.time, heldSeconds: ESCALATION_LIMITS.seconds + 1 } }],
    ['fractional seconds', { time: { ...dana.time, waitedSeconds: 1.5 } }],
    ['a future version', { v: 2 }],
    ['no version', { v: undefined }],
  ])('refuses %s', (_name, patch) => {
    expect(parse(patch as Partial<EscalationContextInput>).success).toBe(false);
  });

  it('refuses keys it does not know, at any depth', () => {
    expect(escalationContextSchema.safeParse({ ...dana, extra: 1 }).success).toBe(false);
    expect(parse({ customer: { name: 'x', email: 'x@y' } as EscalationContextInput['customer'] }).success).toBe(false);
  });

  it('trims every text field and turns CR LF into LF in multi-line ones', () => {
    const r = escalationContextSchema.parse({
      ...dana,
      summary: '  Refund wanted  ',
      tried: '\r\n Step one\r\nStep two\rStep three \n',
      customer: { name: ' Dana ' },
    }) as EscalationContext;
    expect(r.summary).toBe('Refund wanted');
    expect(r.tried).toBe('Step one\nStep two\nStep three');
    expect(r.customer.name).toBe('Dana');
  });

  it('caps every text field at its limit, counted after trimming', () => {
    const cases: [Partial<EscalationContextInput>, Partial<EscalationContextInput>][] = [
      [{ summary: 's'.repeat(ESCALATION_LIMITS.summary) }, { summary: 's'.repeat(ESCALATION_LIMITS.summary + 1) }],
      [{ note: 'n'.repeat(ESCALATION_LIMITS.note) }, { note: 'n'.repeat(ESCALATION_LIMITS.note + 1) }],
      [{ tried: 't'.repeat(ESCALATION_LIMITS.tried) }, { tried: 't'.repeat(ESCALATION_LIMITS.tried + 1) }],
      [{ promised: 'p'.repeat(ESCALATION_LIMITS.promised) }, { promised: 'p'.repeat(ESCALATION_LIMITS.promised + 1) }],
      [{ fromQueue: 'q'.repeat(ESCALATION_LIMITS.queue) }, { fromQueue: 'q'.repeat(ESCALATION_LIMITS.queue + 1) }],
      [
        { customer: { name: 'c'.repeat(ESCALATION_LIMITS.customerName) } },
        { customer: { name: 'c'.repeat(ESCALATION_LIMITS.customerName + 1) } },
      ],
      [
        { customer: { reference: 'r'.repeat(ESCALATION_LIMITS.reference) } },
        { customer: { reference: 'r'.repeat(ESCALATION_LIMITS.reference + 1) } },
      ],
      [
        { agent: { id: '1', name: 'a'.repeat(ESCALATION_LIMITS.agentName) } },
        { agent: { id: '1', name: 'a'.repeat(ESCALATION_LIMITS.agentName + 1) } },
      ],
    ];
    for (const [atLimit, pastIt] of cases) {
      expect(parse(atLimit).success).toBe(true);
      expect(messages(pastIt).join()).toContain('tooLong');
    }
    expect(parse({ summary: `   ${'s'.repeat(ESCALATION_LIMITS.summary)}   ` }).success).toBe(true);
  });

  it.each([
    ['a tab', '\t'],
    ['a NUL', '\u0000'],
    ['an escape (terminal control)', '\u001b[2J'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['a right-to-left override', '\u202e'],
    ['a first-strong isolate', '\u2068'],
    ['a line separator', '\u2028'],
  ])('refuses %s anywhere in the text', (_name, ch) => {
    expect(messages({ summary: `a${ch}b` })).toEqual(['summary:controlChars']);
    expect(messages({ note: `a${ch}b` })).toEqual(['note:controlChars']);
    expect(messages({ customer: { name: `a${ch}b` } })).toEqual(['customer.name:controlChars']);
  });

  it('allows line breaks in multi-line fields only', () => {
    expect(parse({ note: 'one\ntwo', tried: 'a\n\nb', promised: 'x\ny' }).success).toBe(true);
    expect(messages({ summary: 'one\ntwo' })).toEqual(['summary:controlChars']);
    expect(messages({ agent: { id: '1001\r\nVia: evil' } })).toEqual(['agent.id:controlChars']);
  });

  it('refuses a lone surrogate, which is not text', () => {
    expect(messages({ note: 'broken \ud83d emoji' })).toEqual(['note:encoding']);
    expect(parse({ note: 'whole 😀 emoji, joined 👩‍👩‍👧 and flagged 🇩🇰' }).success).toBe(true);
  });
});

describe('the markup rule', () => {
  it.each([
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js>',
    '<img src=x onerror=alert(1)>',
    '</textarea>',
    '<!-- hidden -->',
    '<!DOCTYPE html>',
    '<?xml version="1.0"?>',
    'click javascript:alert(1)',
    'JaVaScRiPt :alert(1)',
    'vbscript:msgbox',
    'data:text/html;base64,PHNjcmlwdD4=',
    'Data : Text/HTML,<b>',
  ])('flags %j', (text) => {
    expect(containsMarkup(text)).toBe(true);
    expect(messages({ note: text })).toEqual(['note:markup']);
  });

  it.each([
    '<3 thanks',
    'wait < 5 min',
    'x <= y',
    'a<3',
    '<<<',
    'see java script below',
    'data: 2 GB used',
    '«quoted»',
    '1 < 2 > 0',
  ])('lets %j through, as agents write it', (text) => {
    expect(containsMarkup(text)).toBe(false);
    expect(parse({ note: text }).success).toBe(true);
  });
});
