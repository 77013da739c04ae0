// Certificate: a product's OCOP certificate and its status on an as-of date (domain rules).
import { certificateEarliestValidUntil, CERTIFICATE_STATUSES } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { Decision } from '../decisions/decision.graphql.js';
import { Product } from '../products/product.graphql.js';
import { factDate, FactDate } from '../shared/fact-date.graphql.js';
import type { Certificate as CertificateEntity } from './certificate.entity.js';
import { certificateDates, statusOn } from './certificate.service.js';

export const CertificateStatusEnum = dbEnum('CertificateStatus', CERTIFICATE_STATUSES, {
  description:
    'Status of a certificate on a day (certificates are valid 36 months from the decision).',
  valueDescriptions: {
    valid: 'In force.',
    expiring: 'In force, within the 30-day notice window before expiry (148/QĐ-TTg).',
    possibly_expired:
      'Counted in force until its latest possible end, but its decision date is known only by year or month and the earliest possible end has passed.',
    expired: 'Past its 36 months without renewal.',
    revoked: 'Revoked by a decision.',
    superseded: 'Replaced by a later decision (re-recognition or upgrade).',
  },
});

export interface CertificateShape {
  cert: CertificateEntity;
  asOf: string;
}

export const Certificate = builder.objectRef<CertificateShape>('Certificate');
Certificate.implement({
  description:
    'An OCOP certificate, from a recognising decision, valid 36 months; its status is computed for an as-of day.',
  fields: (t) => ({
    product: t.field({
      type: Product,
      description: 'Certified product.',
      resolve: ({ cert }, _a, ctx) => ctx.loaders.product.get(cert.product.id),
    }),
    stars: t.int({
      nullable: true,
      description: 'Stars certified; null when the source confirms OCOP status without the class.',
      resolve: ({ cert }) => cert.stars ?? null,
    }),
    issuedOn: t.field({
      type: FactDate,
      description: 'Decision date at its source precision.',
      resolve: ({ cert }) => factDate(cert.issuedOn, cert.issuedPrecision),
    }),
    validUntil: t.field({
      type: 'Date',
      description:
        'Last day of validity (decision date + 36 months, inclusive); for a year- or month-only decision date, the latest possible last day.',
      resolve: ({ cert }) => cert.validUntil,
    }),
    earliestValidUntil: t.field({
      type: 'Date',
      description:
        'Earliest possible last day: equals validUntil for a decision dated to the day; for a year- or month-only date, 36 months from the first day of that year or month.',
      resolve: ({ cert }) => certificateEarliestValidUntil(certificateDates(cert).issuedOn),
    }),
    asOf: t.field({
      type: 'Date',
      description: 'Day the status is computed for.',
      resolve: ({ asOf }) => asOf,
    }),
    status: t.field({
      type: CertificateStatusEnum,
      description: 'Status on `asOf`.',
      resolve: ({ cert, asOf }) => statusOn(cert, asOf),
    }),
    decision: t.field({
      type: Decision,
      description: 'The recognising decision.',
      resolve: async ({ cert }, _a, ctx) => {
        // Populated by the certificatesByProduct loader, so this reads no row.
        const item = await cert.decisionItem.loadOrFail();
        return ctx.loaders.decision.get(item.decision.id);
      },
    }),
  }),
});
