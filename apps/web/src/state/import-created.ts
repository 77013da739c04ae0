/** ImportResult.created: counts by kind; the non-zero ones in the API's order. */
export function createdCounts(
  created: Readonly<Record<string, number | string | null | undefined>>,
): { key: string; count: number }[] {
  return Object.entries(created)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([key, count]) => ({ key, count }));
}
