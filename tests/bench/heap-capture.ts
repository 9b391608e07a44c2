/** A heap snapshot of a page through the DevTools protocol, after a forced garbage collection. */
import type { CDPSession } from 'playwright-core';
import { within } from './within';

/** The JS heap in use after two forced collections (the first can leave objects whose finalizers free more). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await within('a garbage collection', cdp.send('HeapProfiler.collectGarbage'));
  await within('a garbage collection', cdp.send('HeapProfiler.collectGarbage'));
  return (await within('the heap size', cdp.send('Runtime.getHeapUsage'))).usedSize;
}

/** The snapshot's JSON (DevTools .heapsnapshot format); V8 collects garbage before it takes one. */
export async function heapSnapshotJson(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await within('a heap snapshot', cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }), 120_000);
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}
