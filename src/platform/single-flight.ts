/**
 * Requests that need the same costly figure at the same moment share one count: the first
 * starts it, the others wait for its answer. Nothing is kept once the count is done, so no
 * figure is ever older than the request that asked for it, and workers and machines need
 * not agree on anything. Used where a figure sums a county's data (a year of meetings,
 * half a million ledger entries) and fifty staff may ask at once.
 */
export function singleFlight() {
  const running = new Map<string, Promise<unknown>>();
  return function shared<T>(key: string, count: () => Promise<T>): Promise<T> {
    const already = running.get(key) as Promise<T> | undefined;
    if (already) return already;
    const started = count().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
