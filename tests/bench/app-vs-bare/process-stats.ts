import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';

/**
 * A page's renderer process (Chromium's process list does not say which page a renderer holds).
 * CPU time and memory come from Linux's /proc: Chromium's own CPU figure is sampled too coarsely
 * for a few seconds.
 */
export class RendererProcesses {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(browser: Browser): Promise<RendererProcesses> {
    return new RendererProcesses(await browser.newBrowserCDPSession());
  }

  /** Every renderer process and its CPU seconds so far. */
  async list(): Promise<Map<number, number>> {
    const info = (await this.cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    return new Map(info.processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  }

  /**
   * The pid of the renderer that runs `page`: the one whose private memory grows by 64 MB while
   * the page holds a 64 MB buffer (memory, unlike CPU time, does not depend on the machine's load).
   */
  async rendererOf(what: string, page: Page): Promise<number> {
    const pids = [...(await this.list()).keys()];
    const before = new Map(pids.map((pid) => [pid, ussBytes(pid)]));
    await page.evaluate(() => {
      (window as unknown as { __benchBallast?: Uint8Array }).__benchBallast = new Uint8Array(64 * 2 ** 20).fill(1);
    });
    const grown = pids.filter((pid) => ussBytes(pid) - (before.get(pid) ?? 0) > 48 * 2 ** 20);
    await page.evaluate(() => delete (window as unknown as { __benchBallast?: Uint8Array }).__benchBallast);
    if (grown.length !== 1) throw new Error(`${what}: ${grown.length} renderer processes grew with the page's 64 MB buffer`);
    return grown[0] ?? 0;
  }
}

/** CPU seconds (user + system, all threads) the process has used; Linux counts in 1/100 s. */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    throw new Error(`renderer ${pid} is gone (crashed?)`);
  }
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Unique set size: the memory only this process holds (what killing it would free), in bytes. */
export function ussBytes(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  let kb = 0;
  for (const match of rollup.matchAll(/^Private_(?:Clean|Dirty|Hugetlb):\s+(\d+) kB/gm)) kb += Number(match[1]);
  return kb * 1024;
}

/** The 1-minute load average, sampled while the benchmark runs. */
export class LoadSampler {
  readonly #samples: number[] = [];
  readonly #timer = setInterval(() => this.#sample(), 5_000);

  constructor() {
    this.#sample();
  }

  #sample(): void {
    this.#samples.push(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]));
  }

  stop(): readonly number[] {
    clearInterval(this.#timer);
    this.#sample();
    return this.#samples;
  }
}

/** CPU seconds per thread name (/proc/<pid>/task/<tid>/stat), summed over threads of one name. */
export function cpuSecondsByThread(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return byName;
}
