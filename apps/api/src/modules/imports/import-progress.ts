// Progress of the latest import in THIS process (kept simple: not shared between processes, lost
// on restart). Also logged through the request logger every 100 rows.
export interface ImportProgress {
  fileName: string;
  requestId: string;
  startedAt: Date;
  done: number;
  total: number;
  finishedAt: Date | null;
}

let latest: ImportProgress | null = null;

export function startImportProgress(fileName: string, requestId: string): ImportProgress {
  latest = { fileName, requestId, startedAt: new Date(), done: 0, total: 0, finishedAt: null };
  return latest;
}

export function lastImportProgress(): ImportProgress | null {
  return latest;
}
