// Starts the shared API (seeded SQLite, built dashboard) for the read-only tests and hands them its
// base URL. Files that write start their own server (src/server.ts) so the seeded figures stay put.
import type { TestProject } from 'vitest/node';
import { startApi } from './server';

export default async function setup(project: TestProject) {
  const server = await startApi();
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
