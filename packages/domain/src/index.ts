// Package entry: re-exports only (STYLE rule 10).
export * from './errors.js';
export * from './dates.js';
export * from './rules/rule-sets.js';
export * from './rules/star-rating.js';
