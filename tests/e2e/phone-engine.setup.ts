import { startKamailioServer } from '../support/sip-servers';
import { useNetBench, type NetBench } from './network.setup';

export type Bench = NetBench;

/**
 * The end-to-end bench of the engine's own stories: Debian's Kamailio on loopback, the engine and
 * the SIP.js far end bundled and served from 127.0.0.1, one headless Chromium; pages opened by a
 * test are closed after it. The same bench as the network stories', on one server.
 */
export function useBench(): Bench {
  return useNetBench(startKamailioServer);
}
