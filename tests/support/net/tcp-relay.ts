import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  readonly host: string;
  readonly port: number;
  /** Cuts every relayed connection at once (both sides reset), as a dropped Wi-Fi does to a WebSocket. */
  dropAll(): void;
  /** While refusing, new connections are reset at once (the server looks unreachable). */
  refuse(on: boolean): void;
  /** Connections currently relayed. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP forwarder in front of a SIP server's WebSocket port: the phone connects here, so a test
 * can drop its signalling without touching the server, and (bound to a veth address) it lets a
 * page in another network namespace reach a server that listens on loopback only.
 */
export async function startTcpRelay(target: { host: string; port: number }, listenHost = '127.0.0.1'): Promise<TcpRelay> {
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: listenHost,
    port,
    dropAll: () => {
      for (const [client, upstream] of [...pairs]) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
    },
    refuse: (on) => (refusing = on),
    connections: () => pairs.size,
    close: async () => {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** ws://host:port of a relay, for a phone's server URL. */
export function relayWsUrl(relay: Pick<TcpRelay, 'host' | 'port'>): string {
  return `ws://${relay.host}:${relay.port}`;
}
