// Source: the public web page a fact came from; every figure can be traced to one.
import { builder } from '../../graphql/builder.js';
import type { Source as SourceEntity } from './source.entity.js';

export const Source = builder.objectRef<SourceEntity>('Source');
Source.implement({
  description: 'A public web page a fact came from (provincial portal, newspaper article).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    url: t.exposeString('url', { description: 'Address of the page.' }),
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
