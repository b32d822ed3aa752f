// Where a run's tasks (`parse`, `aggregate`; src/run/worker-tasks.ts) execute: on piscina
// worker threads running workers/worker.ts, or, for a small run, on the main thread. Starting a
// thread and warming its code costs about 0.4 s of CPU per thread, and each thread warms up on its
// own: on two cores, 10 MB of CSV took 1.35 s on the main thread and 1.75 s on two threads, and
// the two met at about 40 MB (README, Performance). Both give the same bytes: the tasks, their
// order and their merge are the same.
import { Piscina } from 'piscina';
import type { AggregateResult, AggregateTask, ParsedChunk, ParseTask, WorkerSetup } from './tasks.js';
import { runTasks } from './worker-tasks.js';

const YOUNG_GEN_MB = Number(process.env.TRAJECT_YOUNG_MB ?? 64);
/** Inputs smaller than this run on the main thread, unless a run says otherwise
 *  (TRAJECT_IN_THREAD_BELOW_BYTES=0: always threads, as the tests of thread counts need). */
export const IN_THREAD_BELOW_BYTES = Number(process.env.TRAJECT_IN_THREAD_BELOW_BYTES ?? 8 << 20);

function workerUrl(): URL {
  // Tests import this module from TypeScript source; workers always run the compiled JS. The
  // CLI runs bundled (scripts/bundle.mjs), with the worker bundle beside it.
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL(here.href.replace('/src/run/pool.ts', '/dist/workers/worker.js'));
  if (here.pathname.endsWith('/traject.bundle.mjs')) return new URL('./traject-worker.bundle.mjs', here);
  return new URL('../../workers/worker.js', here);
}

export interface TaskRunner {
  parse(t: ParseTask): Promise<ParsedChunk>;
  aggregate(t: AggregateTask): Promise<AggregateResult>;
  /** Ends the threads, if any; safe to call more than once (every call gets the same promise). */
  stop: () => Promise<void>;
}

/** `workers` threads; none (the main thread) when `workers` is 0. */
export function startPool(setup: WorkerSetup, workers: number): TaskRunner {
  if (workers === 0) {
    const tasks = runTasks(setup);
    return {
      parse: async (t) => tasks.parse(t),
      aggregate: async (t) => tasks.aggregate(t),
      stop: () => Promise.resolve(),
    };
  }
  // A larger young generation: the aggregate phase makes many short-lived objects per client.
  const pool = new Piscina({
    filename: workerUrl().href, workerData: setup, minThreads: workers, maxThreads: workers, idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GEN_MB },
  });
  let stopping: Promise<void> | null = null;
  return {
    parse: (t) => pool.run(t, { name: 'parse', transferList: [t.bytes] }) as Promise<ParsedChunk>,
    aggregate: (t) => pool.run(t, { name: 'aggregate', transferList: t.pieces }) as Promise<AggregateResult>,
    stop: () => (stopping ??= pool.destroy()),
  };
}
