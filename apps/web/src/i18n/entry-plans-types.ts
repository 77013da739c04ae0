import type { entryPlansVi } from './entry-plans-vi';

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
/** The plan page's texts' shape; English must have every key Vietnamese has. */
export type EntryPlansMessages = DeepString<typeof entryPlansVi>;
