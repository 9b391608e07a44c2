import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KAMAILIO_BIN } from './kamailio';
import { freeTcpPort, freeUdpPort } from './ports';
import { startRtpengine, type Rtpengine } from './rtpengine';

/** The configuration a team copies (deploy/), run as it is with the defines of this bench. */
export const DEPLOY_KAMAILIO_CFG = fileURLToPath(new URL('../../deploy/kamailio/kamailio.cfg', import.meta.url));

export interface DeployUser {
  readonly user: string;
  readonly password: string;
}

export interface DeployKamailioOptions {
  readonly domain: string;
  /** The name in the server certificate, resolved to 127.0.0.1 by the browser's host rules. */
  readonly host: string;
  readonly users: readonly DeployUser[];
  /** Group addresses: `senior` → its members' users (the dbaliases table). */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
}

export interface DeployKamailio {
  /** wss://HOST:PORT — what an agent types into Settings. */
  readonly wssUrl: string;
  readonly wssPort: number;
  readonly udpPort: number;
  readonly domain: string;
  /** base64 SHA-256 of the test CA's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  readonly caSpki: string;
  /** The test CA's certificate (PEM), for Node clients. */
  readonly caPem: string;
  readonly rtpengine: Rtpengine;
  log(): string;
  stop(): Promise<void>;
}

const openssl = (args: readonly string[], input?: string): string =>
  execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

/** A throw-away CA and a server certificate for `host` signed by it (ECDSA P-256, one day). */
function makeCertificates(dir: string, host: string): { cert: string; key: string; caPem: string; caSpki: string } {
  const p = (name: string) => join(dir, name);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', p('ca.key')]);
  openssl(['req', '-x509', '-new', '-key', p('ca.key'), '-days', '1', '-subj', '/CN=Warmline test CA', '-out', p('ca.pem')]);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', p('server.key')]);
  openssl(['req', '-new', '-key', p('server.key'), '-subj', `/CN=${host}`, '-out', p('server.csr')]);
  writeFileSync(p('ext.cnf'), `subjectAltName=DNS:${host}\nextendedKeyUsage=serverAuth\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    p('ext.cnf'),
    '-out',
    p('server.pem'),
  ]);
  const caPem = openssl(['x509', '-in', p('ca.pem')]);
  writeFileSync(p('fullchain.pem'), openssl(['x509', '-in', p('server.pem')]) + caPem);
  const publicKey = openssl(['x509', '-in', p('ca.pem'), '-pubkey', '-noout']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: publicKey });
  const caSpki = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64');
  return { cert: p('fullchain.pem'), key: p('server.key'), caPem, caSpki };
}

/** What `kamctl add` stores: HA1 = MD5(user:realm:password), and HA1B for user@domain usernames (RFC 2617). */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const ha1 = (u: DeployUser, domain: string) =>
  `${md5(`${u.user}:${domain}:${u.password}`)}:${md5(`${u.user}@${domain}:${domain}:${u.password}`)}`;

/** Debian's empty db_text tables (package `kamailio`): the presence server's, copied as they are. */
const DBTEXT_TEMPLATES = '/usr/share/kamailio/dbtext/kamailio';
const PRESENCE_TABLES = ['presentity', 'active_watchers', 'watchers', 'xcap'];

/** db_text tables: one file per table, a header of typed columns, rows separated by ':'. */
function writeDbText(dir: string, options: DeployKamailioOptions): void {
  mkdirSync(dir);
  const safe = /^[\w.+-]+$/;
  const rows = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');
  for (const { user, password } of options.users) {
    if (!safe.test(user) || !safe.test(password)) throw new Error(`not a plain token: ${user}`);
  }
  // The presence tables' versions as Debian's Kamailio expects them (it refuses other versions).
  const presenceVersions = readFileSync(join(DBTEXT_TEMPLATES, 'version'), 'utf8')
    .split('\n')
    .filter((line) => PRESENCE_TABLES.includes(line.split(':')[1] ?? ''));
  for (const table of PRESENCE_TABLES) copyFileSync(join(DBTEXT_TEMPLATES, table), join(dir, table));
  writeFileSync(
    join(dir, 'version'),
    rows(['id(int,auto) table_name(string) table_version(int) ', '0:subscriber:7', '0:dbaliases:1', ...presenceVersions]),
  );
  writeFileSync(
    join(dir, 'subscriber'),
    rows([
      'id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string) ',
      ...options.users.map((u, i) => `${i + 1}:${u.user}:${options.domain}:${u.password}:${ha1(u, options.domain)}`),
    ]),
  );
  const aliases = Object.entries(options.groups ?? {}).flatMap(([group, members]) =>
    members.map((member) => `${group}:${options.domain}:${member}:${options.domain}`),
  );
  writeFileSync(
    join(dir, 'dbaliases'),
    rows([
      'id(int,auto) alias_username(string) alias_domain(string) username(string) domain(string) ',
      ...aliases.map((a, i) => `${i + 1}:${a}`),
    ]),
  );
}

/**
 * Debian's Kamailio with deploy/kamailio/kamailio.cfg, unchanged: WSS with a certificate from a
 * throw-away CA, passwords, group addresses and the presence server's tables in db_text files,
 * rtpengine for plain RTP.
 */
export async function startDeployKamailio(options: DeployKamailioOptions): Promise<DeployKamailio> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-deploy-'));
  const tls = makeCertificates(dir, options.host);
  writeDbText(join(dir, 'db'), options);
  const wssPort = await freeTcpPort();
  const udpPort = await freeUdpPort();
  const rtpengine = await startRtpengine();
  let output = '';
  const args = [
    '-f',
    DEPLOY_KAMAILIO_CFG,
    '-DD',
    '-E',
    '-Y',
    dir,
    '-m',
    '64',
    '-M',
    '8',
    '-A',
    'LISTEN_IP=127.0.0.1',
    '-A',
    `WSS_PORT=${wssPort}`,
    '-A',
    `SIP_UDP_PORT=${udpPort}`,
    '-A',
    `SIP_DOMAIN="${options.domain}"`,
    '-A',
    `TLS_CERT="${tls.cert}"`,
    '-A',
    `TLS_KEY="${tls.key}"`,
    '-A',
    `DBURL="text://${join(dir, 'db')}"`,
    '-A',
    `RTPENGINE_SOCK="${rtpengine.ngSocket}"`,
  ];
  const proc: ChildProcess = spawn(KAMAILIO_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code, signal) =>
      reject(new Error(`kamailio exited (code ${code}, signal ${signal}):\n${output.slice(-4000)}`)),
    ),
  );
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    await rtpengine.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForTcp(wssPort, 15_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  exited.catch(() => {});
  return {
    wssUrl: `wss://${options.host}:${wssPort}`,
    wssPort,
    udpPort,
    domain: options.domain,
    caSpki: tls.caSpki,
    caPem: tls.caPem,
    rtpengine,
    log: () => output,
    stop,
  };
}

async function waitForTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Kamailio's WSS port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
