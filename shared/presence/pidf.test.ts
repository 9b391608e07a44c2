import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPidf, parsePidf, PRESENCE_KINDS, type AgentPresence } from './pidf';

const entity = 'sip:1001@warmline.lab';

describe('agent presence as PIDF (RFC 3863) with RPID activities (RFC 4480)', () => {
  it('reads back every state it writes, with when it began and a break reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESENCE_KINDS),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.constantFrom('', 'lunch', 'training', 'a <b>&"\' reason'),
        (kind, since, reason) => {
          const presence: AgentPresence = { entity, kind, since, reason: kind === 'break' ? reason : '' };
          const back = parsePidf(buildPidf(presence));
          expect(back).toEqual({
            ok: true,
            value: kind === 'offline' ? { ...presence, reason: '' } : presence,
          });
        },
      ),
    );
  });

  it('reads the RFC 3863 §4.4 example (a plain open tuple) as available', () => {
    const rfc = `<?xml version="1.0" encoding="UTF-8"?>
     <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:im="urn:ietf:params:xml:ns:pidf:im"
         xmlns:myex="http://id.example.com/presence/" entity="pres:someone@example.com">
       <tuple id="bs35r9">
         <status><basic>open</basic><im:im>busy</im:im><myex:location>home</myex:location></status>
         <contact priority="0.8">im:someone@mobilecarrier.net</contact>
         <note xml:lang="en">Don't Disturb Please!</note>
         <timestamp>2001-10-27T16:49:29Z</timestamp>
       </tuple>
       <tuple id="eg92n8"><status><basic>open</basic></status><contact priority="1.0">mailto:someone@example.com</contact></tuple>
       <note>I'll be in Tokyo next week</note>
     </presence>`;
    expect(parsePidf(rfc)).toEqual({ ok: true, value: { entity: 'pres:someone@example.com', kind: 'available', reason: '' } });
  });

  it('reads a desk phone or another client by its RPID activities alone (RFC 4480 §4 style)', () => {
    const phone = (activity: string) => `<presence xmlns="urn:ietf:params:xml:ns:pidf"
        xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
        entity="sip:2001@example.com">
      <tuple id="t"><status><basic>open</basic></status></tuple>
      <dm:person id="p"><rpid:activities from="2026-12-06T10:00:00Z">${activity}</rpid:activities></dm:person>
    </presence>`;
    const kind = (activity: string) => {
      const r = parsePidf(phone(activity));
      return r.ok ? [r.value.kind, r.value.reason] : r.error;
    };
    expect(kind('<rpid:on-the-phone/>')).toEqual(['on-call', '']);
    expect(kind('<rpid:busy/>')).toEqual(['wrap-up', '']);
    expect(kind('<rpid:meal/>')).toEqual(['break', 'meal']);
    expect(kind('')).toEqual(['available', '']);
    const r = parsePidf(phone('<rpid:on-the-phone/>'));
    expect(r.ok && r.value.since).toBe(Date.parse('2026-12-06T10:00:00Z'));
  });

  it('a closed tuple is offline whatever else it says', () => {
    const doc = buildPidf({ entity, kind: 'on-call', reason: '' }).replace('<basic>open</basic>', '<basic>closed</basic>');
    expect(parsePidf(doc)).toMatchObject({ ok: true, value: { kind: 'offline' } });
  });

  it('keeps hostile text harmless: control and bidi characters out, capped, never markup', () => {
    const doc = buildPidf({ entity, kind: 'break', reason: `\u202Eevil\u202C${'x'.repeat(500)}` });
    const r = parsePidf(doc);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.reason.startsWith('evilx')).toBe(true);
      expect(Array.from(r.value.reason)).toHaveLength(64);
    }
  });

  it('refuses what is not a presence document for a SIP entity', () => {
    expect(parsePidf('<presence xmlns="urn:other" entity="sip:a@b"/>')).toEqual({ ok: false, error: 'not-pidf' });
    expect(parsePidf('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="javascript:alert(1)"/>')).toEqual({
      ok: false,
      error: 'no-entity',
    });
    expect(() => buildPidf({ entity: 'x"><script>', kind: 'available', reason: '' })).toThrow(RangeError);
  });
});
