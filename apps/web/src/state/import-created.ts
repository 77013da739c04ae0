/** ImportResult.created is JSON ({"entities":2,"products":5,…}); non-zero counts in the API's order, or [] if unreadable. */
export function parseCreatedCounts(created: string): { key: string; count: number }[] {
  try {
    const value: unknown = JSON.parse(created);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
      .map(([key, count]) => ({ key, count }));
  } catch {
    return [];
  }
}
