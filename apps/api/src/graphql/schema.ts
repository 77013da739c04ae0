// Schema index: imports every type file (side effects register the types) and builds.
import './scalars.js';
import '../modules/shared/fact-date.graphql.js';
import '../modules/sources/source.graphql.js';
import '../modules/sources/published-figure.graphql.js';
import '../modules/admin-units/admin-unit.graphql.js';
import '../modules/products/product-group.graphql.js';
import '../modules/evaluations/evaluation-level.graphql.js';
import '../modules/evaluations/part-score.graphql.js';
import '../modules/decisions/issuing-level.graphql.js';
import '../modules/scorecard/scorecard-rating.graphql.js';
import '../modules/entities/entity.graphql.js';
import '../modules/products/product-filter.graphql.js';
import '../modules/products/product.graphql.js';
import '../modules/evaluations/evaluation.graphql.js';
import '../modules/decisions/decision.graphql.js';
import '../modules/certificates/certificate.graphql.js';
import '../modules/activities/activity-count.graphql.js';
import '../modules/departments/department.graphql.js';
import '../modules/plans/task.graphql.js';
import '../modules/plans/target-progress.graphql.js';
import '../modules/plans/plan-target.graphql.js';
import '../modules/plans/plan.graphql.js';
import '../modules/districts/district-figures.graphql.js';
import '../modules/stats/stats.graphql.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: false });
