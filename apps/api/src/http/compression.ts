// Response compression (brotli, then gzip) for the API's JSON and the dashboard's files. Small
// bodies are left alone: compressing a few hundred bytes costs more than it saves.
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
}
