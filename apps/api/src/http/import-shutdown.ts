// Shutdown hook for imports: a running import must end recorded as aborted (an import_run row
// and its audit record), not be cut mid-transaction. The importer's abortRunningImports()
// (issue 11, point 1) is called here once it exists; until then the hook does nothing and the
// import's transaction is rolled back when the pool closes.
export async function abortImportsOnShutdown(): Promise<void> {}
