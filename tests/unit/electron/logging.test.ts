import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redact } from '../../../electron/services/logging/redact';
import { createRotatingLog } from '../../../electron/services/logging/rotating-log';
import { makeTempDir } from '../../support/temp-dir';

describe('redaction', () => {
  it('removes SIP and HTTP authorization headers, digest lines included', () => {
    const sip = [
      'REGISTER sip:pbx.example.com SIP/2.0',
      'Authorization: Digest username="1001", realm="pbx", nonce="abc", uri="sip:pbx", response="6629fae49393a05397450978507c4ef1"',
      'proxy-authorization:Digest username="1001",response="deadbeef"',
      'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1',
    ].join('\n');
    const out = redact(sip);
    expect(out).not.toMatch(/6629fae4|deadbeef|nonce="abc"/);
    expect(out).toContain('Authorization: [redacted]');
    expect(out).toContain('proxy-authorization: [redacted]');
    expect(out).toContain('Via: SIP/2.0/WSS');
    expect(redact('challenge answered with Digest username="1001", response="0123abcd"')).not.toContain('0123abcd');
    expect(redact('Bearer eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe('Bearer [redacted]');
    expect(redact('Basic setup failed')).toBe('Basic setup failed');
  });

  it('removes passwords, secrets and tokens in any key-value spelling', () => {
    for (const [input, leaked] of [
      ['saveSettings {"displayName":"Ana","password":"hunter2"}', 'hunter2'],
      ["{ password: 'hunter2', x: 1 }", 'hunter2'],
      ['sip password=hunter2; retrying', 'hunter2'],
      ['WARMLINE_SECRET_KEY=0123456789abcdef', '0123456789abcdef'],
      ['{"sharedSecret":"team-key-42"}', 'team-key-42'],
      ['access_token: abc.def.ghi', 'abc.def.ghi'],
      ['connecting to wss://1001:hunter2@pbx.example.com/ws', 'hunter2'],
    ]) {
      const out = redact(input!);
      expect(out, input).not.toContain(leaked);
      expect(out, input).toContain('[redacted]');
    }
    expect(redact('{"displayName":"Ana","password":"x"}')).toContain('"displayName":"Ana"');
  });

  it('removes escalation-context contents, nested objects and headers too, keeping what is around them', () => {
    const out = redact(
      'escalate failed {"callId":"c1","context":{"summary":"card 4111 1111 1111 1111 stolen","notes":["he said {x}"]},"to":"tier2"}',
    );
    expect(out).not.toMatch(/4111|stolen|he said/);
    expect(out).toContain('"callId":"c1"');
    expect(out).toContain('"context":[redacted]');
    expect(out).toContain('"to":"tier2"');
    expect(redact('X-Warmline-Context: eyJzdW1tYXJ5Ijoic2VjcmV0In0=')).toBe('X-Warmline-Context: [redacted]');
    expect(redact('escalationContext="customer is angry"; next')).toBe('escalationContext=[redacted]; next');
    expect(redact('{"context":{"summary":"cut off mid-')).not.toContain('cut off');
  });

  it('stays fast on a long hostile entry (no regex backtracking blow-up)', () => {
    const started = performance.now();
    redact(`${'a'.repeat(16_000)}password ${'-'.repeat(8000)}context ${'{'.repeat(4000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('rotating log file (real files)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('appends timestamped, redacted entries with the error’s stack', () => {
    const log = createRotatingLog({ dir: join(dir.path, 'logs'), now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    log.error('host: saveSettings failed {"password":"hunter2"}', new Error('disk full'));
    log.warn('settings: stored value is invalid');
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(
      /^2025-01-02T03:04:05\.000Z ERROR host: saveSettings failed \{"password":\[redacted\]\}\n {4}Error: disk full\n {8}at /,
    );
    expect(text).toContain('WARN settings: stored value is invalid\n');
    expect(text).not.toContain('hunter2');
    if (process.platform !== 'win32') expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('cannot be made to show a forged entry or obey control characters', () => {
    const log = createRotatingLog({ dir: dir.path });
    log.error('boom\r\n2025-01-01T00:00:00.000Z INFO all good\u001b[2J');
    const lines = readFileSync(log.file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {4}2025-01-01T00:00:00.000Z INFO all good\\u001b\[2J$/);
  });

  it('rotates by size and keeps only the newest files', () => {
    const log = createRotatingLog({ dir: dir.path, maxBytes: 400, keep: 3 });
    for (let i = 0; i < 40; i++) log.info(`entry ${String(i).padStart(2, '0')} ${'x'.repeat(60)}`);
    expect(existsSync(log.file)).toBe(true);
    expect(existsSync(`${log.file}.1`)).toBe(true);
    expect(existsSync(`${log.file}.2`)).toBe(true);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    for (const f of [log.file, `${log.file}.1`, `${log.file}.2`]) expect(statSync(f).size).toBeLessThanOrEqual(400);
    expect(readFileSync(log.file, 'utf8')).toContain('entry 39');
    expect(readFileSync(`${log.file}.2`, 'utf8')).not.toContain('entry 00');
  });

  it('caps one entry, and prints to the console only when asked (development)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const quiet = createRotatingLog({ dir: dir.path, fileName: 'a.log' });
    quiet.error('x'.repeat(100_000));
    expect(statSync(quiet.file).size).toBeLessThan(17_000);
    expect(error).not.toHaveBeenCalled();
    const loud = createRotatingLog({ dir: dir.path, fileName: 'b.log', console: true });
    loud.error('password=hunter2');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('password=[redacted]'));
    error.mockRestore();
  });
});
