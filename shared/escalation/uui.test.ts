import { describe, expect, it } from 'vitest';
import { dana } from './escalation.fixtures';
import { escalationIdFromUserToUser, userToUserHeader } from './uui';
import { newEscalationId } from './web-crypto';

const ID = '0123456789abcdef0123456789abcdef';

describe('the User-to-User reference (RFC 7433)', () => {
  it('carries the escalation id as hex-encoded isdn-uui data: IA5 discriminator, then "WL1:<id>"', () => {
    const value = userToUserHeader(ID);
    expect(value).toBe(`04${Buffer.from(`WL1:${ID}`, 'ascii').toString('hex')};encoding=hex;purpose=isdn-uui`);
    expect(escalationIdFromUserToUser(value)).toBe(ID);
  });

  it('is a safe SIP header value, and short enough for ISDN interworking (128 octets)', () => {
    const value = userToUserHeader(ID);
    expect(value).toMatch(/^[0-9a-f]+;encoding=hex;purpose=isdn-uui$/);
    expect(value.split(';')[0]?.length).toBeLessThanOrEqual(256);
  });

  it('reads parameters in any case and order, with the whitespace SIP allows', () => {
    const data = userToUserHeader(ID).split(';')[0] ?? '';
    expect(escalationIdFromUserToUser(`${data.toUpperCase()} ; PURPOSE=ISDN-UUI ; Encoding = HEX`)).toBe(ID);
    expect(escalationIdFromUserToUser(`${data};encoding=hex`)).toBe(ID);
  });

  it('finds ours among other parties’ values in one header', () => {
    const theirs = '56a390f3d2b7310023a2;encoding=hex;purpose=isdn-uui;content=isdn-uui';
    expect(escalationIdFromUserToUser(`${theirs}, ${userToUserHeader(ID)}`)).toBe(ID);
  });

  it.each([
    ['no value', undefined],
    ['not text', 42],
    ['another party’s UUI', '56a390f3d2b7310023a2;encoding=hex'],
    ['our data without encoding=hex', userToUserHeader(ID).split(';')[0]],
    ['another package', userToUserHeader(ID).replace('isdn-uui', 'x-other')],
    ['a malformed id', `04${Buffer.from('WL1:<script>', 'ascii').toString('hex')};encoding=hex`],
    ['odd-length hex', `04${Buffer.from(`WL1:${ID}`).toString('hex')}0;encoding=hex`],
    ['an absurdly long value', `${'00'.repeat(600)};encoding=hex`],
  ])('finds nothing in %s', (_name, value) => {
    expect(escalationIdFromUserToUser(value)).toBeUndefined();
  });

  it('matches the id inside the context, so both ends can link their history records', () => {
    expect(escalationIdFromUserToUser(userToUserHeader(dana.id))).toBe(dana.id);
  });
});

describe('escalation ids', () => {
  it('are 128 random bits in lower-case hex, different every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, newEscalationId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
