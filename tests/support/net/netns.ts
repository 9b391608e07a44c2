import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_PATH } from '../chromium';

const run = promisify(execFile);

/**
 * A network namespace of its own (root only), for a process that must sit "elsewhere" on the
 * network: the agent's browser at home. It is held open by a sleeping child started with
 * `unshare --net`; nothing is registered under /run/netns, so nothing outlives the test (the
 * namespace dies with the child) and parallel runs cannot collide. Only veth links created by
 * the test join it to the test's own namespace: no traffic leaves the machine.
 */
export interface Namespace {
  readonly pid: number;
  /** Runs a command inside the namespace and returns its stdout. */
  exec(command: string, ...args: string[]): Promise<string>;
  /**
   * Forwards TCP from 127.0.0.1:<returned port> inside the namespace to `host:port` (reached over
   * the veth links): the phone accepts ws:// only to loopback, and a loopback page is a secure context.
   * `listenPort` keeps a port number the page must see (the browser host accepts its own origin only).
   */
  forward(host: string, port: number, listenPort?: number): Promise<number>;
  /** An executable script that runs `binary` inside the namespace (for Playwright's executablePath). */
  wrap(binary?: string): string;
  close(): Promise<void>;
}

export async function startNamespace(): Promise<Namespace> {
  const holder: ChildProcess = spawn('unshare', ['--net', '--', 'sleep', '86400'], { stdio: 'ignore' });
  const pid = holder.pid;
  if (pid === undefined) throw new Error('unshare did not start');
  const netns = `/proc/${pid}/ns/net`;
  // unshare execs sleep once the namespace exists: wait until the pid's namespace differs from ours.
  for (let i = 0; ; i += 1) {
    const [ours, theirs] = await Promise.all([run('readlink', ['/proc/self/ns/net']), run('readlink', [netns])]).catch(() => [
      { stdout: 'a' },
      { stdout: 'a' },
    ]);
    if (ours.stdout !== theirs.stdout) break;
    if (i > 100) throw new Error('namespace did not appear');
    await new Promise((r) => setTimeout(r, 20));
  }
  const dir = mkdtempSync(join(tmpdir(), 'warmline-netns-'));
  const exec = async (command: string, ...args: string[]): Promise<string> =>
    (await run('nsenter', [`--net=${netns}`, '--', command, ...args])).stdout;
  await exec('ip', 'link', 'set', 'lo', 'up');
  const forwarders: ChildProcess[] = [];
  return {
    pid,
    exec,
    forward: async (host, port, listenPort = 0) => {
      const args = [`--net=${netns}`, '--', process.execPath, '-e', FORWARDER, host, String(port), String(listenPort)];
      const child = spawn('nsenter', args, {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      forwarders.push(child);
      return new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`forwarder exited (${code})`)));
        child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      });
    },
    wrap: (binary = CHROMIUM_PATH) => {
      const path = join(dir, 'in-namespace.sh');
      writeFileSync(path, `#!/bin/sh\nexec nsenter --net=${netns} -- ${binary} "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    },
    close: async () => {
      for (const child of forwarders) child.kill('SIGKILL');
      const gone = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
      holder.kill('SIGKILL');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP forwarder run by node inside the namespace; prints its port once listening. */
const FORWARDER = `
const net = require('node:net');
const [host, port, listen] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
  client.pipe(upstream);
  upstream.pipe(client);
});
server.listen(Number(listen), '127.0.0.1', () => console.log(server.address().port));
`;

/** Runs `ip` in the test's own namespace. */
export async function ip(...args: string[]): Promise<string> {
  return (await run('ip', args)).stdout;
}

export interface VethLink {
  readonly hostName: string;
  readonly hostAddress: string;
  readonly nsAddress: string;
  /** Deletes the pair (both ends): the namespace loses this address and its routes through it. */
  remove(): Promise<void>;
}

/**
 * A veth pair from the test's namespace into `ns`, with `hostAddress`/`nsAddress` on a /24, and
 * `routes` (prefixes) in `ns` sent through the host end.
 */
export async function vethLink(
  ns: Namespace,
  name: string,
  hostAddress: string,
  nsAddress: string,
  routes: readonly string[] = [],
): Promise<VethLink> {
  if (!/^[a-z0-9]{1,10}$/.test(name)) throw new Error('veth name: up to 10 lowercase letters and digits');
  const hostName = `${name}h`;
  const nsName = `${name}n`;
  await ip('link', 'add', hostName, 'type', 'veth', 'peer', 'name', nsName);
  await ip('link', 'set', nsName, 'netns', String(ns.pid));
  await ip('addr', 'add', `${hostAddress}/24`, 'dev', hostName);
  await ip('link', 'set', hostName, 'up');
  await ns.exec('ip', 'addr', 'add', `${nsAddress}/24`, 'dev', nsName);
  await ns.exec('ip', 'link', 'set', nsName, 'up');
  for (const prefix of routes) await ns.exec('ip', 'route', 'replace', prefix, 'via', hostAddress);
  return {
    hostName,
    hostAddress,
    nsAddress,
    remove: async () => {
      await ip('link', 'del', hostName).catch(() => undefined);
    },
  };
}

/** Adds an address to the test namespace's loopback (a stable "server" address behind the veths). */
export async function addLoopbackAddress(address: string): Promise<void> {
  await ip('addr', 'replace', `${address}/32`, 'dev', 'lo');
}
