// expiryRadar: certificates expiring within N days (default 90), with the 148/QĐ-TTg
// re-evaluation window, per unit and issuing level (expiry-radar.service.ts).
import { DEFAULT_EXPIRY_RADAR_DAYS } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { validationFailed } from '../../graphql/errors.js';
import { expiryRadar, type ExpiringCertificate, type ExpiryRadar } from './expiry-radar.service.js';

const RadarGroup = builder.objectRef<{ key: string | null; count: number }>('ExpiryRadarGroup');
RadarGroup.implement({
  description: 'Expiring certificates of one unit or issuing level.',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description: 'Unit code or issuing level (null: unit not recorded).',
      resolve: (g) => g.key,
    }),
    count: t.exposeInt('count', { description: 'Certificates.' }),
  }),
});

const Expiring = builder.objectRef<ExpiringCertificate>('ExpiringCertificate');
Expiring.implement({
  description: 'A certificate in force that expires within the radar’s window.',
  fields: (t) => ({
    certificateId: t.exposeID('certificateId', { description: 'Certificate id.' }),
    productId: t.exposeID('productId', { description: 'Product id.' }),
    productName: t.exposeString('productName', { description: 'Product name.' }),
    unitCode: t.string({
      nullable: true,
      description: 'District-level unit code.',
      resolve: (c) => c.unitCode,
    }),
    stars: t.int({ nullable: true, description: 'Stars.', resolve: (c) => c.stars }),
    issuingLevel: t.exposeString('issuingLevel', {
      description: 'Who issued it (district, province, national): who sends the notice.',
    }),
    issuedOn: t.field({ type: 'Date', description: 'Issued.', resolve: (c) => c.issuedOn }),
    validUntil: t.field({
      type: 'Date',
      description: 'Last valid day.',
      resolve: (c) => c.validUntil,
    }),
    noticeBy: t.field({
      type: 'Date',
      description: 'Last day for the expiry notice (148/QĐ-TTg: at least 30 days before expiry).',
      resolve: (c) => c.noticeBy,
    }),
    noticeDue: t.exposeBoolean('noticeDue', {
      description: 'The re-evaluation window is open: the notice is due (or overdue).',
    }),
    daysLeft: t.exposeInt('daysLeft', { description: 'Days until it lapses.' }),
  }),
});

const Radar = builder.objectRef<ExpiryRadar>('ExpiryRadar');
Radar.implement({
  description:
    'Certificates in force on asOf expiring within `days`, with the 148/QĐ-TTg re-evaluation window.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'Day looked from.', resolve: (r) => r.asOf }),
    days: t.exposeInt('days', { description: 'Look-ahead in days.' }),
    count: t.exposeInt('count', { description: 'Certificates expiring in the window.' }),
    byUnit: t.field({ type: [RadarGroup], description: 'Per unit.', resolve: (r) => r.byUnit }),
    byLevel: t.field({
      type: [RadarGroup],
      description: 'Per issuing level.',
      resolve: (r) => r.byLevel,
    }),
    certificates: t.field({
      type: [Expiring],
      description: 'The notice list, soonest expiry first.',
      resolve: (r) => r.certificates,
    }),
  }),
});

builder.queryFields((t) => ({
  expiryRadar: t.field({
    type: Radar,
    description: `Certificates expiring within \`days\` (default ${DEFAULT_EXPIRY_RADAR_DAYS}) of asOf (default today), per unit and issuing level, with the re-evaluation window.`,
    args: {
      days: t.arg.int({
        description: `Look-ahead (1–1100, default ${DEFAULT_EXPIRY_RADAR_DAYS}).`,
      }),
      asOf: t.arg({ type: 'Date', description: 'Day to look from (default today).' }),
      unitCode: t.arg.string({ description: 'Only this district-level unit.' }),
    },
    resolve: (_root, args, ctx) => {
      const days = args.days ?? DEFAULT_EXPIRY_RADAR_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > 1100)
        throw validationFailed('days', {
          en: 'days must be 1–1100.',
          vi: 'Số ngày phải từ 1 đến 1100.',
        });
      return expiryRadar(ctx.em, args.asOf ?? ctx.today, days, args.unitCode ?? null);
    },
  }),
}));
