// Source: the public web page a fact came from; every figure can be traced to one.
import { builder } from '../../graphql/builder.js';
import { sourceHost } from './source-host.js';
import type { Source as SourceEntity } from './source.entity.js';

export const Source = builder.objectRef<SourceEntity>('Source');
Source.implement({
  description: 'A public web page a fact came from (provincial portal, newspaper article).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    url: t.exposeString('url', { description: 'Address of the page.' }),
    host: t.string({
      description:
        'Host of the address (e.g. "baoangiang.com.vn"), shown beside the link so readers can judge the publisher.',
      resolve: (s) => sourceHost(s.url),
    }),
    title: t.string({
      nullable: true,
      description: 'Title of the page, when recorded.',
      resolve: (s) => s.title ?? null,
    }),
    publishedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Publication day of the page, when known.',
      resolve: (s) => s.publishedOn ?? null,
    }),
  }),
});
