// Every entity the ORM knows, listed explicitly (no folder scanning: works under tsx, vitest and dist).
import { AuditRecord } from '../modules/audit/audit-record.entity.js';
import { IdempotencyKey } from '../modules/audit/idempotency-key.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { Activity } from '../modules/activities/activity.entity.js';
import { AdminUnit } from '../modules/admin-units/admin-unit.entity.js';
import { Certificate } from '../modules/certificates/certificate.entity.js';
import { DecisionItem } from '../modules/decisions/decision-item.entity.js';
import { Decision } from '../modules/decisions/decision.entity.js';
import { DataVersion } from '../modules/data-version/data-version.entity.js';
import { FactSegment } from '../modules/data-version/fact-segment.entity.js';
import { Department } from '../modules/departments/department.entity.js';
import { EconomicEntity } from '../modules/entities/economic-entity.entity.js';
import { Evaluation } from '../modules/evaluations/evaluation.entity.js';
import { ImportProblem } from '../modules/imports/import-problem.entity.js';
import { ImportRun } from '../modules/imports/import-run.entity.js';
import { PlanAmendment } from '../modules/plans/plan-amendment.entity.js';
import { PlanTarget } from '../modules/plans/plan-target.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { Task } from '../modules/plans/task.entity.js';
import { Product } from '../modules/products/product.entity.js';
import { PublishedFigure } from '../modules/sources/published-figure.entity.js';
import { Source } from '../modules/sources/source.entity.js';
import { User } from '../modules/users/user.entity.js';

export const ENTITIES = [
  AdminUnit,
  Department,
  Plan,
  PlanTarget,
  PlanAmendment,
  Task,
  Source,
  PublishedFigure,
  EconomicEntity,
  Product,
  Evaluation,
  Decision,
  DecisionItem,
  Certificate,
  Activity,
  ImportRun,
  ImportProblem,
  User,
  Session,
  LoginThrottle,
  AuditRecord,
  DataVersion,
  FactSegment,
  IdempotencyKey,
];
