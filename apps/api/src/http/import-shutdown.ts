// Shutdown hook for imports: a running import must end recorded as aborted (its import_run row),
// not be cut mid-transaction: abortRunningImports() stops each import at its next step, rolls it
// back and marks its run aborted, and resolves once they have (bounded wait).
import { abortRunningImports } from '../modules/imports/import.service.js';

export async function abortImportsOnShutdown(): Promise<void> {
  await abortRunningImports('the server is shutting down');
}
