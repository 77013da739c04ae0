import type { PartScore } from '../graphql/product';
import type { FrameData } from './chart-types';
import { colorAt, REFERENCE_COLOR } from './palette';

export interface ScorePartsLabels {
  score: string;
  max: string;
  part: (part: string) => string;
}

/** A product's part scores next to the maxima of the rule set it was evaluated under. */
export function mapScorePartsChart(parts: PartScore[], labels: ScorePartsLabels): FrameData {
  return {
    labels: parts.map((p) => labels.part(p.part)),
    datasets: [
      {
        type: 'bar',
        label: labels.score,
        data: parts.map((p) => p.score),
        backgroundColor: colorAt(0),
      },
      {
        type: 'bar',
        label: labels.max,
        data: parts.map((p) => p.max),
        backgroundColor: 'rgba(0, 0, 0, 0.08)',
        borderColor: REFERENCE_COLOR,
        borderWidth: 2,
      },
    ],
  };
}
