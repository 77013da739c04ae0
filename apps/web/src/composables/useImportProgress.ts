// While a real import runs (one long mutation), asks the API every half second how many rows it
// has written, so a large file shows a progress bar instead of a frozen button.
import { onBeforeUnmount, shallowRef } from 'vue';
import { requestGraphQL } from '../graphql/client';
import { LAST_IMPORT_PROGRESS_QUERY, type ImportProgress } from '../graphql/import-decision-list';

export const IMPORT_PROGRESS_POLL_MS = 500;

export function useImportProgress() {
  const progress = shallowRef<ImportProgress | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function poll(fileName: string): Promise<void> {
    try {
      const data = await requestGraphQL(LAST_IMPORT_PROGRESS_QUERY, {});
      const latest = data.lastImportProgress;
      // Only this file's run, and only while it is still writing.
      if (timer && latest && latest.fileName === fileName && !latest.finishedAt)
        progress.value = latest;
    } catch {
      // Progress is a courtesy: the import's own answer reports success or failure.
    }
  }

  function start(fileName: string): void {
    stop();
    timer = setInterval(() => void poll(fileName), IMPORT_PROGRESS_POLL_MS);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
    progress.value = null;
  }

  onBeforeUnmount(stop);
  return { progress, start, stop };
}
