import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, XML_LIMITS } from './xml';

describe('the presence XML reader', () => {
  it('resolves default and prefixed namespaces to the same element', () => {
    const a = parseXml('<p xmlns="urn:a" xmlns:r="urn:r"><r:busy/></p>');
    const b = parseXml('<p xmlns="urn:a"><busy xmlns="urn:r"></busy></p>');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.children[0]).toMatchObject({ ns: 'urn:r', name: 'busy' });
    expect(b.value.children[0]).toMatchObject({ ns: 'urn:r', name: 'busy' });
  });

  it('decodes the predefined entities, numeric references and CDATA once', () => {
    const r = parseXml('<n a="&quot;x&quot;">&lt;b&gt; &amp;amp; &#x1F600; &#65;<![CDATA[<raw>&amp;]]></n>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toBe('<b> &amp; 😀 A<raw>&amp;');
    expect(r.value.attributes.get('a')).toBe('"x"');
  });

  it('refuses a DTD, so no entity can expand (billion laughs, external entities)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(parseXml(laughs)).toEqual({ ok: false, error: 'doctype' });
    const xxe = '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>';
    expect(parseXml(xxe)).toEqual({ ok: false, error: 'doctype' });
    expect(parseXml('<p>&x;</p>')).toEqual({ ok: false, error: 'unknown-entity' });
    expect(parseXml('<p>a & b</p>')).toEqual({ ok: false, error: 'unknown-entity' });
    expect(parseXml('<p>&#xD800;</p>')).toEqual({ ok: false, error: 'unknown-entity' });
  });

  it('caps size, depth and element count', () => {
    expect(parseXml(`<p>${'x'.repeat(XML_LIMITS.bytes)}</p>`)).toEqual({ ok: false, error: 'too-large' });
    const deep = '<a>'.repeat(XML_LIMITS.depth + 1) + '</a>'.repeat(XML_LIMITS.depth + 1);
    expect(parseXml(deep)).toEqual({ ok: false, error: 'too-deep' });
    const many = `<a>${'<b/>'.repeat(XML_LIMITS.elements)}</a>`;
    expect(parseXml(many)).toEqual({ ok: false, error: 'too-many-elements' });
  });

  it('refuses what is not one well-formed element', () => {
    for (const bad of [
      '',
      'text',
      '<a>',
      '<a></b>',
      '<a/><b/>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      'x<a/>',
      '<p:a/>',
      '<!ELEMENT a>',
    ]) {
      expect(parseXml(bad).ok, bad).toBe(false);
    }
    expect(parseXml('<p:a/>')).toEqual({ ok: false, error: 'unbound-prefix' });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        parseXml(s);
        parseXml(`<a xmlns="urn:x">${s}</a>`);
      }),
      { numRuns: 2_000 },
    );
  });

  it('escapes text so that it reads back as it was', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = parseXml(`<a v="${escapeXml(s)}">${escapeXml(s)}</a>`);
        expect(r.ok).toBe(true);
        const kept = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
        if (r.ok) {
          expect(r.value.attributes.get('v')).toBe(kept);
          expect(r.value.text).toBe(kept.trim());
        }
      }),
    );
  });
});
