/**
 * Background work that repeats in this process (the clock sweeper, the complaint age sweep, the search
 * backfill): one run at a time — a run still going when the next is due makes that one a no-op — errors
 * handed to the caller, the timer never keeping the process alive. The work itself is safe to run in
 * several processes at once (each job claims its rows); this only paces one process.
 */
export function runEvery(
  intervalMs: number,
  work: () => Promise<void>,
  options: { onError?: (err: unknown) => void; immediately?: boolean } = {},
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (err) {
      options.onError?.(err);
    } finally {
      running = false;
    }
  };
  if (options.immediately) void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
