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

  it('with gatherMs, writes what gathered in that time at once, and at once past 1000 lines', async () => {
    const written: string[] = [];
    const log = jsonLineLogger((text) => written.push(text), 10);
    log({ n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    log({ n: 2 });
    expect(written).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 10 ms timer was set first: it fires first
    expect(written).toHaveLength(1);
    expect(
      written[0]!
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { n: number }).n),
    ).toEqual([1, 2]);
    for (let i = 0; i < 999; i++) log({ n: i });
    expect(written).toHaveLength(1);
    log({ n: 999 });
    expect(written).toHaveLength(2);
    expect(written[1]!.split('\n').filter(Boolean)).toHaveLength(1000);
  });
});
