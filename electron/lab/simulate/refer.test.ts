import { describe, expect, it } from 'vitest';
import { MAX_REFER_TO, parseReferTo, referNotify, referredByToCopy } from './refer.js';

describe('the simulated customer reads a REFER defensively', () => {
  it('an attended transfer: the target without its header part, and the Replaces decoded', () => {
    const target = parseReferTo('<sip:k3x9@ab12.invalid;transport=ws?Replaces=c4ll%40id%3Bto-tag%3Dt1%3Bfrom-tag%3Df2>');
    expect(target).toEqual({ uri: 'sip:k3x9@ab12.invalid;transport=ws', replaces: 'c4ll@id;to-tag=t1;from-tag=f2' });
  });

  it('a blind transfer: just the address', () => {
    expect(parseReferTo('<sip:senior@warmline.lab>')).toEqual({ uri: 'sip:senior@warmline.lab' });
    expect(parseReferTo('sip:senior@warmline.lab')).toEqual({ uri: 'sip:senior@warmline.lab' });
  });

  it('declines what is not a sip address with at most one Replaces', () => {
    for (const bad of [
      undefined,
      '<tel:+31201234567>',
      '<https://evil.example/>',
      '<sip:a@b?Route=%3Csip:evil.example%3E>',
      '<sip:a@b?Replaces=x&Replaces=y>',
      '<sip:a@b?Replaces=%E0%A4%A>',
      '<sip:a@b?Replaces=x%0D%0AVia:%20evil>',
      `<sip:${'a'.repeat(MAX_REFER_TO)}@b>`,
      'not an address <',
    ])
      expect(parseReferTo(bad), String(bad)).toBeNull();
  });

  it('copies a Referred-By only when it is plain and bounded', () => {
    expect(referredByToCopy('<sip:1001@warmline.lab>;cid=abc')).toEqual([
      { name: 'Referred-By', value: '<sip:1001@warmline.lab>;cid=abc' },
    ]);
    expect(referredByToCopy('<sip:1001@x>\r\nVia: evil')).toEqual([]);
    expect(referredByToCopy(`<sip:1001@x>;p=${'z'.repeat(9000)}`)).toEqual([]);
    expect(referredByToCopy(undefined)).toEqual([]);
  });

  it('reports progress and the final status as sipfrag NOTIFYs for the REFER’s id', () => {
    expect(referNotify(7, 100, 'Trying')).toEqual({
      headers: [
        { name: 'Event', value: 'refer;id=7' },
        { name: 'Subscription-State', value: 'active;expires=60' },
      ],
      body: { type: 'message/sipfrag;version=2.0', text: 'SIP/2.0 100 Trying\r\n' },
    });
    expect(referNotify(7, 486, 'Busy Here').headers[1]).toEqual({
      name: 'Subscription-State',
      value: 'terminated;reason=noresource',
    });
  });
});
