/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. Order puts the strongest contrasts first. */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black
] as const;

export function colorAt(index: number): string {
  return OKABE_ITO[((index % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length] ?? '#000000';
}

/** Reference lines (thresholds, maxima) are black and dashed so they read without colour. */
export const REFERENCE_COLOR = '#000000';
