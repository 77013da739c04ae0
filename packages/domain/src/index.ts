// Package entry: re-exports only (STYLE rule 10).
export * from './errors.js';
export * from './dates.js';
export * from './rules/rule-sets.js';
export * from './rules/star-rating.js';
export * from './rules/scorecard.js';
export * from './rules/certificate.js';
export * from './rules/decision-checks.js';
export * from './rules/product-groups.js';
export * from './units/admin-units.js';
export * from './plan/facts.js';
export * from './plan/metrics.js';
export * from './plan/metrics-programme.js';
export * from './plan/targets.js';
export * from './plan/pace.js';
export * from './plan/progress.js';
export * from './plan/versions.js';
export * from './plan/intervals.js';
