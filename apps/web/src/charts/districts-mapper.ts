import type { DistrictFigures } from '../graphql/districts';
import type { FrameData } from './chart-types';
import { colorAt, REFERENCE_COLOR } from './palette';

export interface DistrictsChartLabels {
  entities: string;
  certified: string;
  threshold: string;
}

/** Entities and certified products per unit as bars, with the plan's "≥ threshold entities" line. */
export function mapDistrictsChart(
  rows: DistrictFigures[],
  labels: DistrictsChartLabels,
  threshold = 2,
): FrameData {
  return {
    labels: rows.map((r) => r.unit.name),
    datasets: [
      {
        type: 'bar',
        label: labels.entities,
        data: rows.map((r) => r.participatingEntities),
        backgroundColor: colorAt(0),
        order: 2,
      },
      {
        type: 'bar',
        label: labels.certified,
        data: rows.map((r) => r.productsCertified),
        backgroundColor: colorAt(1),
        order: 2,
      },
      {
        type: 'line',
        label: labels.threshold,
        data: rows.map(() => threshold),
        borderColor: REFERENCE_COLOR,
        backgroundColor: REFERENCE_COLOR,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        order: 1,
      },
    ],
  };
}
