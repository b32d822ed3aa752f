// The worker: a thin shell around the run's tasks (src/run/worker-tasks.ts), the same pure
// functions the tests call. It exposes them as named tasks (piscina's `name` option) and hands
// their buffers back by transfer instead of copying them.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { aggregateBuffers, parsedBuffers, runTasks } from '../src/run/worker-tasks.js';
import type { WorkerSetup, ParseTask, AggregateTask } from '../src/run/tasks.js';

const tasks = runTasks(workerData as WorkerSetup);

/** A result whose buffers piscina transfers. */
function moved<T extends object>(result: T, buffers: ArrayBuffer[]) {
  return move({
    get [transferableSymbol]() { return buffers; },
    get [valueSymbol]() { return result; },
  });
}

export function parse(t: ParseTask) {
  const r = tasks.parse(t);
  return moved(r, parsedBuffers(r));
}

export function aggregate(t: AggregateTask) {
  const r = tasks.aggregate(t);
  return moved(r, aggregateBuffers(r));
}
