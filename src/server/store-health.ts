import type { Store } from '../store/types.js';

/**
 * The database's health for /healthz, answered at once from the last probe
 * (a probe's own timeout would otherwise be the probe's answer time). The
 * store is pinged every `everyMs`; it is "down" once no ping has succeeded
 * for `downAfterMs`, and "ok" again on the next good ping.
 */
export interface StoreHealth {
  readonly up: boolean;
  /** The last ping's failure, for the health body (no addresses or stacks). */
  readonly problem?: string;
  stop(): void;
}

export function watchStore(store: Store, opts: { everyMs?: number; timeoutMs?: number; downAfterMs?: number } = {}): StoreHealth {
  const everyMs = opts.everyMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 2000;
  const downAfterMs = opts.downAfterMs ?? 3000;
  let lastOk = Date.now();
  let problem: string | undefined;
  let running = false;
  const probe = async () => {
    if (running || !store.ping) return;
    running = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([store.ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), timeoutMs)))]);
      lastOk = Date.now();
      problem = undefined;
    } catch (err) {
      problem = /no answer|timeout/i.test((err as Error).message) ? 'the database does not answer' : 'the database cannot be reached';
    } finally {
      clearTimeout(timer);
      running = false;
    }
  };
  // A probe still waiting past downAfterMs counts as down without waiting for its own time-out.
  const interval = setInterval(() => void probe(), everyMs);
  interval.unref();
  return {
    get up() {
      return !store.ping || (!problem && Date.now() - lastOk < downAfterMs);
    },
    get problem() {
      return problem;
    },
    stop: () => clearInterval(interval),
  };
}
