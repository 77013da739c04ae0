// An uploaded decision list as the API receives it (base64 in the GraphQL request): checked and
// decoded here, then imported in the worker thread (import-thread.ts) like the CLI's files.
import { validationFailed } from '../../graphql/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { ImportReport } from './decision-list-importer.js';
import { importInWorker } from './import-thread.js';

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export interface UploadArgs {
  fileName: string;
  contentBase64: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  skipRejected?: boolean | null;
}

/** The file's bytes; VALIDATION_FAILED on contentBase64 when it is not base64 or over `limit`. */
export function decodeUpload(contentBase64: string, limit: number): Buffer {
  const base64 = contentBase64.replace(/\s+/g, '');
  if (!BASE64_RE.test(base64) || base64.length % 4 !== 0) {
    throw validationFailed('contentBase64', {
      en: 'The file content is not valid base64.',
      vi: 'Nội dung tệp không phải base64 hợp lệ.',
    });
  }
  // The decoded size, from the base64 length, before decoding anything.
  if ((base64.length * 3) / 4 - (base64.match(/=+$/)?.[0].length ?? 0) > limit) {
    throw validationFailed(
      'contentBase64',
      {
        en: `The file is larger than ${(limit / 1048576).toFixed(1)} MB; split it and import the parts.`,
        vi: `Tệp lớn hơn ${(limit / 1048576).toFixed(1)} MB; hãy chia nhỏ tệp rồi nhập từng phần.`,
      },
      { limit },
    );
  }
  return Buffer.from(base64, 'base64');
}

/** Imports an upload in the worker thread; resolves when the import has finished. */
export function importUpload(ctx: GraphQLContext, args: UploadArgs): Promise<ImportReport> {
  const content = decodeUpload(args.contentBase64, ctx.auth.importMaxBytes);
  return importInWorker(ctx.em.fork(), {
    fileName: args.fileName.trim().slice(0, 300) || 'upload',
    content,
    format: args.format,
    dryRun: args.dryRun,
    skipRejected: args.skipRejected ?? false,
    requestId: ctx.requestId,
    today: ctx.today,
    audit: {
      context: {
        viewer: {
          user: ctx.viewer.user && { id: ctx.viewer.user.id, email: ctx.viewer.user.email },
        },
        requestId: ctx.requestId,
        clientRequestId: ctx.clientRequestId,
      },
      format: args.format,
    },
  });
}
