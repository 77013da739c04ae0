import type { dashboardVi } from './dashboard-vi';

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
/** The dashboard texts' shape; English must have every key Vietnamese has. */
export type DashboardMessages = DeepString<typeof dashboardVi>;
