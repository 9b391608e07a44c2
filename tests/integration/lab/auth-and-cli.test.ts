import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getHeader } from '../../../electron/lab/sip/headers.js';
import { digestResponse, parseDigestCredentials } from '../../../electron/lab/auth/digest.js';
import { DOMAIN, RawClient } from './helpers/raw-client.js';
import { PASSWORDS, startTestLab } from './helpers/lab.js';

const root = join(import.meta.dirname, '../../..');

describe('digest nonces', () => {
  it('answers a correct response over an expired nonce with a new challenge marked stale=true', async () => {
    const lab = await startTestLab({ auth: { nonceTtlSeconds: 0.2 } });
    try {
      const c = await RawClient.connect(lab.url, '1001');
      const aor = `sip:1001@${DOMAIN}`;
      const o = { method: 'REGISTER', uri: `sip:${DOMAIN}`, to: `<${aor}>`, from: `<${aor}>;tag=s` };
      const challenge = await c.response(c.request(o));
      const nonce = parseDigestCredentials(getHeader(challenge, 'WWW-Authenticate')!)!.get('nonce')!;
      await new Promise((r) => setTimeout(r, 400));
      const value = digestResponse({
        user: '1001',
        password: PASSWORDS['1001']!,
        realm: DOMAIN,
        nonce,
        method: 'REGISTER',
        uri: o.uri,
      });
      const again = await c.response(c.request({ ...o, headers: [{ name: 'Authorization', value }] }));
      expect(again.status).toBe(401);
      expect(parseDigestCredentials(getHeader(again, 'WWW-Authenticate')!)!.get('stale')).toBe('true');
      // …while a wrong password over the same old nonce is not told it is merely stale.
      const wrong = digestResponse({
        user: '1001',
        password: 'nope',
        realm: DOMAIN,
        nonce,
        method: 'REGISTER',
        uri: o.uri,
        nc: 2,
      });
      const refused = await c.response(c.request({ ...o, headers: [{ name: 'Authorization', value: wrong }] }));
      expect(parseDigestCredentials(getHeader(refused, 'WWW-Authenticate')!)!.get('stale')).toBeUndefined();
      await c.close();
    } finally {
      await lab.close();
    }
  });

  it('re-challenges a correct response that repeats its nonce count (stale=true), without counting it as a failed guess', async () => {
    // The soak (issue 14): SIP.js repeats nc=00000001 on each REGISTER refresh over the nonce it had. Each one was
    // counted as a failed authentication of 127.0.0.1; after 20 (the address's allowance) every client on that
    // address, the agent included, got 403 Too Many Failed Attempts for up to 5 minutes: the agent's consult was
    // "declined 403" and the next customer's INVITE never reached it. Agents behind one NAT would share that fate.
    const lab = await startTestLab();
    try {
      const c = await RawClient.connect(lab.url, '1001');
      const aor = `sip:1001@${DOMAIN}`;
      const o = { method: 'REGISTER', uri: `sip:${DOMAIN}`, to: `<${aor}>`, from: `<${aor}>;tag=r` };
      const challenge = await c.response(c.request(o));
      const nonce = parseDigestCredentials(getHeader(challenge, 'WWW-Authenticate')!)!.get('nonce')!;
      const value = digestResponse({
        user: '1001',
        password: PASSWORDS['1001']!,
        realm: DOMAIN,
        nonce,
        method: 'REGISTER',
        uri: o.uri,
        nc: 1,
        cnonce: 'x',
      });
      const withAuth = { ...o, headers: [{ name: 'Authorization', value }] };
      expect((await c.response(c.request(withAuth))).status).toBe(200);
      // The same answer again, more times than the address may fail: re-challenged each time, never refused.
      for (let i = 0; i < 30; i += 1) {
        const again = await c.response(c.request(withAuth));
        expect(again.status, `repeat ${i + 1}`).toBe(401);
        expect(parseDigestCredentials(getHeader(again, 'WWW-Authenticate')!)!.get('stale'), `repeat ${i + 1}`).toBe('true');
      }
      // Another account on the same address still signs in.
      const other = await RawClient.connect(lab.url, '1002');
      expect((await other.register(PASSWORDS['1002']!)).response.status).toBe(200);
      await Promise.all([c.close(), other.close()]);
    } finally {
      await lab.close();
    }
  });
});

function runCli(
  args: string[],
): Promise<{ code: number | null; stderr: string; stdout: string; child: ReturnType<typeof spawn> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/lab/cli.ts', ...args], { cwd: root });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (stderr.includes('SIP over WebSocket at')) resolve({ code: null, stderr, stdout, child });
    });
    child.stdout.on('data', (d) => void (stdout += String(d)));
    child.on('exit', (code) => resolve({ code, stderr, stdout, child }));
  });
}

describe('command line', () => {
  it('refuses a non-loopback address without --allow-remote', async () => {
    const { code, stderr } = await runCli(['--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/refusing to listen on 0\.0\.0\.0/);
  });

  it('reports config errors with their path', async () => {
    const { code, stderr } = await runCli(['--config', 'tests/fixtures/lab/bad.config.json', '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/queues\.0\.members\.0: no account 4242/);
  });

  it('starts on loopback with the shipped config and serves registrations and /status', async () => {
    const { child, stderr } = await runCli(['--port', '0']);
    try {
      const url = /at (ws:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
      const c = await RawClient.connect(url, '1001');
      const aor = 'sip:1001@warmline.lab';
      const { response } = await c.authed(
        { method: 'REGISTER', uri: 'sip:warmline.lab', to: `<${aor}>`, from: `<${aor}>;tag=cli` },
        'lab-1001',
      );
      expect(response.status).toBe(200);
      const status = (await (await fetch(`${url.replace('ws:', 'http:')}/status`)).json()) as { queues: Array<{ name: string }> };
      expect(status.queues.map((q) => q.name)).toEqual(['support', 'senior', 'technical']);
      await c.close();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
