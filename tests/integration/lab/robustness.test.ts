import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabServer } from '../../../electron/lab/server.js';
import { serialize } from '../../../electron/lab/sip/serialize.js';
import { DOMAIN, RawClient } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab, until } from './helpers/lab.js';

const tortureDir = join(import.meta.dirname, '../../fixtures/sip-torture');
const manifest = JSON.parse(readFileSync(join(tortureDir, 'manifest.json'), 'utf8')) as Array<{ name: string; expect: string }>;

const events: Array<Record<string, unknown>> = [];
let lab: LabServer;
beforeAll(async () => {
  lab = await startTestLab({ limits: { messagesPerSecond: 100_000, messageBurst: 100_000 } }, (e) => void events.push(e));
});
afterAll(() => lab.close());

/**
 * Send a frame, then an OPTIONS to the server; the status codes of the frames that arrive before the OPTIONS' 200
 * are the answer (read raw: a 400 echoes the malformed headers it could not fix, so it may not parse).
 */
async function answersTo(c: RawClient, frame: Buffer | string): Promise<number[]> {
  const before = c.rawFrames.length;
  c.sendText(frame);
  const ping = c.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
  const pong = await c.response(ping, 200);
  expect(pong.status).toBe(200);
  const frames = c.rawFrames.slice(before);
  frames.pop(); // the 200 to our OPTIONS
  return frames.map((f) => Number(/^SIP\/2\.0 (\d{3})/.exec(f)?.[1] ?? -1));
}

describe('bad input', () => {
  it.each(manifest)(
    'RFC 4475 $name gets the answer it deserves ($expect) and the server answers on',
    async ({ name, expect: expected }) => {
      const c = await RawClient.connect(lab.url, 'torture');
      const statuses = await answersTo(c, readFileSync(join(tortureDir, `${name}.sip`)));
      switch (expected) {
        case 'valid':
          expect(statuses.filter((s) => s === 400)).toEqual([]);
          break;
        case 'drop':
          expect(statuses).toEqual([]);
          break;
        case 'reject':
          expect(statuses.every((s) => s === 400)).toBe(true);
          break;
        default:
          expect(statuses).toContain(Number(expected));
      }
      await c.close();
    },
  );

  it('drops an oversized message and keeps the connection; closes one beyond the frame cap', async () => {
    const c = await RawClient.connect(lab.url, 'big');
    const big = `OPTIONS sip:${DOMAIN} SIP/2.0\r\nX-Pad: ${'a'.repeat(70_000)}\r\n\r\n`;
    expect(await answersTo(c, big)).toEqual([]);
    c.sendText('x'.repeat(300_000));
    await until(() => !c.isOpen, 5_000, 'connection closed by the frame cap');
    const other = await RawClient.connect(lab.url, 'other');
    const ping = other.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
    expect((await other.response(ping)).status).toBe(200);
    await other.close();
  });

  it('answers a CRLF keep-alive with a CRLF pong (RFC 5626 §4.4.1)', async () => {
    const c = await RawClient.connect(lab.url, 'ka');
    c.sendText('\r\n\r\n');
    await until(() => c.rawFrames.includes('\r\n'), 5_000, 'pong');
    await c.close();
  });

  it('survives a bounded fuzz of mutated valid messages and still answers OPTIONS', async () => {
    const c = await RawClient.connect(lab.url, '1001');
    const seeds = [
      c.build({
        method: 'REGISTER',
        uri: `sip:${DOMAIN}`,
        to: `<sip:1001@${DOMAIN}>`,
        headers: [{ name: 'Expires', value: '60' }],
      }),
      c.build({ method: 'INVITE', uri: `sip:1002@${DOMAIN}`, body: 'v=0\r\n', contentType: 'application/sdp' }),
      c.build({ method: 'MESSAGE', uri: `sip:queue-control@${DOMAIN}`, body: 'pause support' }),
      c.build({ method: 'BYE', uri: `sip:x@y.invalid;transport=ws`, to: `<sip:1002@${DOMAIN}>;tag=abc` }),
    ].map((m) => Buffer.from(serialize(m)));
    let seed = 0x5eed;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff; // deterministic LCG: a failure can be replayed
      return seed % n;
    };
    const alphabet = Buffer.from('\r\n\0:;,<>"\\ \t%@=?/[]SIP2.0xyz9');
    for (let i = 0; i < 600; i++) {
      const msg = Buffer.from(seeds[random(seeds.length)]!);
      let out: Buffer = msg;
      for (let k = 0, edits = 1 + random(4); k < edits; k++) {
        const at = random(out.length);
        switch (random(5)) {
          case 0:
            out[at] = random(256);
            break;
          case 1:
            out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + random(20)))]);
            break;
          case 2:
            out = Buffer.concat([out.subarray(0, at), Buffer.from([alphabet[random(alphabet.length)]!]), out.subarray(at)]);
            break;
          case 3:
            out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + random(40)), out.subarray(at)]);
            break;
          default:
            out = out.subarray(0, at);
        }
      }
      c.sendText(out);
    }
    const ping = c.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
    expect((await c.response(ping, 200, 10_000)).status).toBe(200);
    expect(events.filter((e) => e['event'] === 'error')).toEqual([]);
    await c.close();
  });
});

describe('limits', () => {
  it('a flood from one connection is cut at its rate limit while another client is served', async () => {
    const limited = await startTestLab({ limits: { messagesPerSecond: 20, messageBurst: 50 } });
    try {
      const flooder = await RawClient.connect(limited.url, '1002');
      const agent = await RawClient.connect(limited.url, '1001');
      for (let i = 0; i < 3000; i++) flooder.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
      expect((await agent.register(PASSWORDS['1001']!)).response.status).toBe(200);
      const ping = agent.request({ method: 'OPTIONS', uri: `sip:${DOMAIN}` });
      expect((await agent.response(ping, 200)).status).toBe(200);
      await until(() => (limited.status()['droppedByRateLimit'] as number) > 1500, 10_000, 'flood dropped');
      expect(flooder.received.length).toBeLessThan(500);
      await Promise.all([flooder.close(), agent.close()]);
    } finally {
      await limited.close();
    }
  });
});

describe('status endpoint', () => {
  it('serves GET /status as JSON and nothing else', async () => {
    const http = lab.url.replace('ws:', 'http:');
    const res = await fetch(`${http}/status`);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['registrations', 'queues', 'agents', 'calls']));
    expect(JSON.stringify(body)).not.toContain('pw-');
    expect((await fetch(`${http}/status`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${http}/nope`)).status).toBe(404);
  });
});
