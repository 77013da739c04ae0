/**
 * Stylised positions of An Giang's 11 district-level units (2021) on a 4×4 grid, roughly as on a
 * map: north (Cambodian border) at the top, the Hậu river towards the east. Not to scale.
 */
export const TILE_POSITIONS: Readonly<Record<string, { col: number; row: number }>> = {
  'an-phu': { col: 2, row: 1 },
  'tan-chau': { col: 3, row: 1 },
  'chau-doc': { col: 1, row: 2 },
  'chau-phu': { col: 2, row: 2 },
  'phu-tan': { col: 3, row: 2 },
  'tinh-bien': { col: 1, row: 3 },
  'chau-thanh': { col: 2, row: 3 },
  'long-xuyen': { col: 3, row: 3 },
  'cho-moi': { col: 4, row: 3 },
  'tri-ton': { col: 1, row: 4 },
  'thoai-son': { col: 2, row: 4 },
};

/** Units in reading order (row by row) so keyboard and screen-reader order follow the picture. */
export function orderForTiles<T extends { unit: { code: string } }>(rows: readonly T[]): T[] {
  const rank = (code: string) => {
    const p = TILE_POSITIONS[code];
    return p ? p.row * 10 + p.col : 1000;
  };
  return [...rows].sort((a, b) => rank(a.unit.code) - rank(b.unit.code));
}
