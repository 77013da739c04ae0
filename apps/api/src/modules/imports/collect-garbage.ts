// A full garbage collection on demand, for the import worker between the phases of a large import.
// Without a heap limit (none on SQLite, see import-thread.ts) V8 lets a thread's heap grow far past
// what it holds alive before collecting: a 100,000-row import's rows and then its plan (about
// 100 MB each) left the worker's heap at 440 MB, most of it garbage. `gc` is not exposed without
// --expose-gc on the command line, which a worker thread cannot be given: setting the flag at run
// time exposes it to contexts made afterwards, so one new context hands it over.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
