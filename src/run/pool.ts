// The worker pool of a run: piscina threads running workers/worker.ts, which exposes the named
// tasks `parse` and `aggregate`.
import { Piscina } from 'piscina';
import type { WorkerSetup } from './tasks.js';

const YOUNG_GEN_MB = Number(process.env.TRAJECT_YOUNG_MB ?? 64);

function workerUrl(): URL {
  // Tests import this module from TypeScript source; workers always run the compiled JS. The
  // CLI runs bundled (scripts/bundle.mjs), with the worker bundle beside it.
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL(here.href.replace('/src/run/pool.ts', '/dist/workers/worker.js'));
  if (here.pathname.endsWith('/traject.bundle.mjs')) return new URL('./traject-worker.bundle.mjs', here);
  return new URL('../../workers/worker.js', here);
}

export interface WorkerPool {
  pool: Piscina;
  /** Ends the threads; safe to call more than once (every call gets the same promise). */
  stop: () => Promise<void>;
}

export function startPool(setup: WorkerSetup, workers: number): WorkerPool {
  // A larger young generation: the aggregate phase makes many short-lived objects per client.
  const pool = new Piscina({
    filename: workerUrl().href, workerData: setup, minThreads: workers, maxThreads: workers, idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GEN_MB },
  });
  let stopping: Promise<void> | null = null;
  return { pool, stop: () => (stopping ??= pool.destroy()) };
}
