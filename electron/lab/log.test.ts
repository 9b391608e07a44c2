import { describe, expect, it } from 'vitest';
import { jsonLineLogger } from './log.js';

describe('the JSON line logger', () => {
  it('writes one JSON object a line, the time first, once per turn of the event loop', async () => {
    const written: string[] = [];
    const log = jsonLineLogger((text) => written.push(text));
    log({ event: 'sip-transaction', method: 'REGISTER', status: 200, note: 'a "quoted"\nline' });
    log({});
    log({ event: 'own-time', ts: 'kept' });
    expect(written).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toHaveLength(1);
    const lines = written[0]!.split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(parsed[0]!)).toEqual(['ts', 'event', 'method', 'status', 'note']);
    expect(parsed[0]).toMatchObject({ event: 'sip-transaction', note: 'a "quoted"\nline' });
    expect(new Date(parsed[0]!.ts as string).toISOString()).toBe(parsed[0]!.ts);
    expect(Object.keys(parsed[1]!)).toEqual(['ts']);
    expect(parsed[2]).toEqual({ ts: 'kept', event: 'own-time' });
  });
});
