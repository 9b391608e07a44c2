import { afterEach, beforeEach, expect, type TestContext } from 'vitest';
import { useBrowserBench } from './browser-bench';
import { LabDesk } from './lab-desk';

/**
 * The bench of issue 13's desk stories (desk-truth, desk-ringing-drop): per test a fresh LabDesk
 * (browser-mode host with its embedded lab, agent 1001) signed in; after it, no page errors. A
 * failing test first gets `onFailure` (to keep what the lab and the app did) before the desk goes.
 */
export function useLabDesk(options: { onFailure?: (desk: LabDesk, context: TestContext) => void } = {}): {
  readonly desk: LabDesk;
} {
  const bench = useBrowserBench();
  let desk: LabDesk | undefined;
  beforeEach(async () => {
    desk = await LabDesk.start(bench.browser, bench.pages);
    await desk.signedIn();
  });
  afterEach(async (context) => {
    if (!desk) return;
    if (context.task.result?.state === 'fail') options.onFailure?.(desk, context);
    const errors = desk.pageErrors.splice(0);
    await desk.close();
    desk = undefined;
    expect(errors).toEqual([]);
  });
  return {
    get desk() {
      if (!desk) throw new Error('lab desk not started (use inside a test)');
      return desk;
    },
  };
}
