import type { PlanTarget } from '../graphql/plan';
import { formatStatusReason } from '../components/plan/status-reason';
import { useLocale } from './useLocale';

/** A target's status reason in the reader's language (see components/plan/status-reason.ts). */
export function useStatusReason() {
  const { t, te, n, d } = useLocale();
  const format = { t: (key: string, named: Record<string, string>) => t(key, named), te, n, d };
  return (target: PlanTarget): string => formatStatusReason(target, format);
}
