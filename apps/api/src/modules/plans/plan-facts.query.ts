// The one SQL statement that reads a plan's facts: the selection of @ocop/domain's
// fact-selection.ts (evaluations, activities and registrations in the window; decision items up to
// its end; the products and entities they name) as one UNION ALL of typed rows, so the KPI engine
// costs one statement whatever the number of products. Columns are shared by every kind (k):
//   e entity:      id, t1 unit code, t2 type,             dt registered_on, prec
//   p product:     id, t1 entity id, t2 unit code
//   v evaluation:  id, t1 product id, t2 level,           dt, prec, num stars
//   d item:        id decision id, t1 product id, t2 issuing level, t3 action, dt, prec, num stars
//   a activity:    id, t1 kind, t2 unit code,             dt, prec, num sample (0/1)
//   ae / ap link:  id activity id, t1 entity / product id
//   r round count: id published figure id, t1 metric, t2 value, dt, prec (provincial council counts;
//                  none when a unit is asked: rounds are province-wide)
// Rows come ordered by kind and id, so the metrics see the same order on both dialects.
import type { EntityManager } from '@mikro-orm/core';

export interface FactRow {
  k: 'e' | 'p' | 'v' | 'd' | 'a' | 'ae' | 'ap' | 'r';
  id: unknown;
  t1: unknown;
  t2: unknown;
  t3: unknown;
  dt: unknown;
  prec: unknown;
  num: unknown;
}

export interface FactQuery {
  from: string;
  to: string;
  /** Only the facts of this unit (domain factsOfUnit applied to the selection). */
  unitCode?: string | null;
}

const TEXT_NULL = 'cast(null as text)';
const DATE_NULL = 'cast(null as date)';
const INT_NULL = 'cast(null as integer)';
const text = (column: string) => `cast(${column} as text)`;

export async function selectFactRows(em: EntityManager, query: FactQuery): Promise<FactRow[]> {
  const { from, to } = query;
  const unit = query.unitCode ?? null;
  // With a unit, the selection is made over all facts first, then restricted (as factsOfUnit).
  const ofUnit = (alias: string) => (unit === null ? '' : ` and ${alias}.unit_code = ?`);
  const unitBindings = unit === null ? [] : [unit];
  const sql = `
with
  ev as (select id, product_id, level, date, date_precision, stars from evaluation
         where date >= ? and date <= ?),
  di as (select di.id as item_id, di.decision_id, di.product_id, d.date, d.date_precision,
                d.issuing_level, di.stars, di.action
         from decision_item di join decision d on d.id = di.decision_id where d.date <= ?),
  ac as (select a.id, a.kind, a.date, a.date_precision, a.sample, u.code as unit_code
         from activity a left join admin_unit u on u.id = a.unit_id
         where a.date >= ? and a.date <= ?),
  ae as (select activity_id, economic_entity_id from activity_entity
         where activity_id in (select id from ac)),
  ap as (select activity_id, product_id from activity_product
         where activity_id in (select id from ac)),
  pr as (select p.id, p.entity_id, u.code as unit_code
         from product p left join admin_unit u on u.id = p.unit_id
         where p.id in (select product_id from ev) or p.id in (select product_id from di)
            or p.id in (select product_id from ap)
            or p.entity_id in (select economic_entity_id from ae)),
  en as (select e.id, e.type, e.registered_on, e.registered_precision, u.code as unit_code
         from economic_entity e left join admin_unit u on u.id = e.unit_id
         where (e.registered_on >= ? and e.registered_on <= ?)
            or e.id in (select entity_id from pr)
            or e.id in (select economic_entity_id from ae))
select 'e' as k, en.id as ord, ${text('en.id')} as id, en.unit_code as t1, ${text('en.type')} as t2,
       ${TEXT_NULL} as t3, en.registered_on as dt, ${text('en.registered_precision')} as prec, ${INT_NULL} as num
  from en where 1 = 1${ofUnit('en')}
union all
select 'p', pr.id, ${text('pr.id')}, ${text('pr.entity_id')}, pr.unit_code, ${TEXT_NULL}, ${DATE_NULL}, ${TEXT_NULL}, ${INT_NULL}
  from pr where 1 = 1${ofUnit('pr')}
union all
select 'v', ev.id, ${text('ev.id')}, ${text('ev.product_id')}, ${text('ev.level')}, ${TEXT_NULL}, ev.date, ${text('ev.date_precision')}, ev.stars
  from ev join pr on pr.id = ev.product_id where 1 = 1${ofUnit('pr')}
union all
select 'd', di.item_id, ${text('di.decision_id')}, ${text('di.product_id')}, ${text('di.issuing_level')}, ${text('di.action')}, di.date, ${text('di.date_precision')}, di.stars
  from di join pr on pr.id = di.product_id where 1 = 1${ofUnit('pr')}
union all
select 'a', ac.id, ${text('ac.id')}, ${text('ac.kind')}, ac.unit_code, ${TEXT_NULL}, ac.date, ${text('ac.date_precision')},
       case when ac.sample then 1 else 0 end
  from ac where 1 = 1${ofUnit('ac')}
union all
select 'ae', ae.economic_entity_id, ${text('ae.activity_id')}, ${text('ae.economic_entity_id')}, ${TEXT_NULL}, ${TEXT_NULL}, ${DATE_NULL}, ${TEXT_NULL}, ${INT_NULL}
  from ae join ac on ac.id = ae.activity_id where 1 = 1${ofUnit('ac')}
union all
select 'ap', ap.product_id, ${text('ap.activity_id')}, ${text('ap.product_id')}, ${TEXT_NULL}, ${TEXT_NULL}, ${DATE_NULL}, ${TEXT_NULL}, ${INT_NULL}
  from ap join ac on ac.id = ap.activity_id where 1 = 1${ofUnit('ac')}
union all
select 'r', pf.id, ${text('pf.id')}, pf.metric, pf.value, ${TEXT_NULL}, pf.date, ${text('pf.date_precision')}, ${INT_NULL}
  from published_figure pf
  where pf.metric like 'ag_provincial_council_round%' and pf.date >= ? and pf.date <= ?${unit === null ? '' : ' and 1 = 0'}
order by k, ord`;
  const bindings = [
    from,
    to,
    to,
    from,
    to,
    from,
    to,
    ...Array(7).fill(unitBindings).flat(),
    from,
    to,
  ];
  // Through the ORM's connection: logged like every other statement, inside `em`'s transaction if any.
  return em.getConnection().execute<FactRow[]>(sql, bindings, 'all', em.getTransactionContext());
}
