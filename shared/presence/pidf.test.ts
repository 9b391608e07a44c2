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

  it("reads Kamailio's aggregate of two publications (a stale one from a crashed or second app) by the newest tuple", () => {
    const published = (kind: AgentPresence['kind'], at: string, reason = '') =>
      buildPidf({ entity, kind, since: Date.parse(at), reason }, `app${at.slice(14, 16)}`, Date.parse(at));
    // As presence_xml merges them: every publication's tuples, and one person (here the first's).
    const aggregate = (...docs: string[]) => {
      const tuples = docs.map((d) => d.match(/<tuple[\s\S]*<\/tuple>/)?.[0] ?? '').join('');
      const person = docs[0]?.match(/<dm:person[\s\S]*<\/dm:person>/)?.[0] ?? '';
      return `<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:wl="urn:x-warmline:params:xml:ns:agent" entity="${entity}">${tuples}${person}</presence>`;
    };
    const stale = published('wrap-up', '2026-12-07T10:00:00Z');
    const fresh = published('available', '2026-12-07T10:05:00Z');
    for (const doc of [aggregate(stale, fresh), aggregate(fresh, stale)]) {
      const r = parsePidf(doc);
      expect(r.ok && [r.value.kind, r.value.since]).toEqual(['available', Date.parse('2026-12-07T10:05:00Z')]);
    }
    const onBreak = published('break', '2026-12-07T10:09:00Z', 'lunch');
    expect(onBreak).toContain('<tuple id="wl-app09">');
    const r = parsePidf(aggregate(stale, onBreak, fresh));
    expect(r.ok && [r.value.kind, r.value.reason]).toEqual(['break', 'lunch']);
    expect(() => buildPidf({ entity, kind: 'available', reason: '' }, 'x"/><evil')).toThrow(RangeError);
  });

  it('still reads an older Warmline that put its state in the person', () => {
    const old = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:wl="urn:x-warmline:params:xml:ns:agent" entity="${entity}"><tuple id="warmline"><status><basic>open</basic></status></tuple><dm:person id="agent"><rpid:activities from="2026-12-07T10:00:00.000Z"><rpid:away/></rpid:activities><wl:agent-state reason="training">break</wl:agent-state></dm:person></presence>`;
    expect(parsePidf(old)).toEqual({
      ok: true,
      value: { entity, kind: 'break', reason: 'training', since: Date.parse('2026-12-07T10:00:00Z') },
    });
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
