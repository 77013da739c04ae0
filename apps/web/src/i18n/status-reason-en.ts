// English status reasons; same keys as status-reason-vi.ts. Merged into en.ts.
export const statusReasonEn = {
  statusReason: {
    base: {
      count: '{actual} against a target of {goal} {unit}',
      share: '{actual}% against a target of {goal}%',
      eachUnit: 'the lowest unit has {actual} against {goal} {unit} per unit',
      noData: 'no data yet (target {goal} {unit})',
      noDataShare: 'no data yet (target {goal}%)',
    },
    units: {
      products: 'products',
      entities: 'entities',
    },
    BEFORE_PERIOD: 'The plan period starts on {periodStart}, after {asOf}; {base}.',
    ACHIEVED: 'Achieved on {asOf}: {base}.',
    ACHIEVED_ABOVE_RANGE:
      'Achieved on {asOf}: {base}; above the planned upper bound of {targetMax}.',
    PERIOD_ENDED_UNMET: 'Missed: the period ended on {periodEnd} with {base} (margin {margin}).',
    PERIOD_ENDED_MET: 'Met: the period ended on {periodEnd} with {base} (margin +{margin}).',
    DEMO_DATA:
      'Demo data on {asOf}: {base}, resting on {sampleRecords} generated sample records, not on published facts.',
    NO_DATA_SOURCE:
      'No data source on {asOf}: the facts this target counts are not recorded anywhere.',
    NO_DATA: 'Nothing to measure on {asOf}: {base}.',
    SHARE_WITHIN_MARGIN: 'On {asOf}: {base}, within {marginPoints} points of the target.',
    SHARE_SHORT: 'On {asOf}: {base}, {gapPoints} points short (at-risk margin {marginPoints}).',
    SHARE_FAR_SHORT: 'On {asOf}: {base}, {gapPoints} points short.',
    PACE_AHEAD:
      'On {asOf}: {base}; linear pace expects {expected} after {elapsedPercent}% of the period.',
    PACE_BEHIND:
      'On {asOf}: {base}; linear pace expects {expected} after {elapsedPercent}% of the period.',
    PACE_FAR_BEHIND:
      'On {asOf}: {base}; linear pace expects {expected} after {elapsedPercent}% of the period, and it is below half of that.',
  },
} as const;
