import { createSocket, type Socket } from 'node:dgram';

export interface BlackHole {
  /** `stun:host:port` for an ICE server list. */
  readonly stunUrl: string;
  /** Datagrams received and ignored (STUN binding requests, when a browser tried it). */
  received(): number;
  close(): Promise<void>;
}

/**
 * A STUN server that never answers: a UDP socket that reads and drops everything, as a
 * firewall that eats STUN or a dead server looks to the browser.
 */
export async function startBlackHole(host = '127.0.0.1'): Promise<BlackHole> {
  const socket: Socket = createSocket('udp4');
  let count = 0;
  socket.on('message', () => (count += 1));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  const { port } = socket.address();
  return {
    stunUrl: `stun:${host}:${port}`,
    received: () => count,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
