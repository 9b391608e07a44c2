/**
 * Every wait in a benchmark has a deadline and says what it waited for (issue 19): a bench that hangs
 * gives no figure and no reason, one that fails says which step did not happen.
 */
export const STEP_TIMEOUT_MS = 20_000;

export async function within<T>(what: string, work: T | Promise<T>, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: no ${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
