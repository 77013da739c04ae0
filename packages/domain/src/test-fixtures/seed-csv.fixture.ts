/**
 * Test-only fixtures: the seed CSV texts (data/seed, same as /work/shared/data) embedded as strings
 * so tests need no file system. `seed-fixtures.test.ts` checks they still match the seed files.
 * Excluded from the build (tsconfig.build.json).
 */

/** data/seed/plan-2021-targets.csv */
export const PLAN_2021_TARGETS_CSV = `code,kind,target,unit,scope,owner,label_vi,label_en,definition,definition_vi
T1-CERTIFIED,count_at_least,20,products,province,SNN,Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm,Products newly certified 3★ or more in the year,distinct products whose first OCOP certificate (3★+) is dated in the plan year,số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch
T2-NATIONAL,count_at_least,2,products,province,SNN,Sản phẩm tham gia đánh giá phân hạng cấp quốc gia,Products entered in national (5★) evaluation,distinct products with a national-level evaluation in the plan year,số sản phẩm khác nhau được đánh giá cấp quốc gia trong năm kế hoạch
T3-ENTITIES-PER-DISTRICT,each_unit_at_least,2,entities,each district-level unit,UBND-HUYEN,Mỗi huyện/thị xã/thành phố có ít nhất 2 chủ thể tham gia,At least 2 participating entities in every district-level unit,per unit: distinct entities that entered the programme (registered or evaluated) in the plan year; met when every unit reaches 2,theo từng đơn vị: số chủ thể khác nhau tham gia chương trình (đăng ký hoặc được đánh giá) trong năm kế hoạch; đạt khi mọi đơn vị đều có ít nhất 2 chủ thể
T4-ENTITY-HAS-PRODUCT,share_at_least,100,percent,participating entities,UBND-HUYEN,Mỗi chủ thể có ít nhất 1 sản phẩm tiềm năng tham gia đánh giá cấp tỉnh,Every participating entity has a product in provincial evaluation,share of the year's participating entities with at least one product evaluated at provincial level in the plan year,tỷ lệ chủ thể tham gia trong năm có ít nhất một sản phẩm được đánh giá cấp tỉnh trong năm kế hoạch
T5-PASS-RATE,share_at_least,80,percent,provincial evaluations,SNN,Tỷ lệ sản phẩm đánh giá cấp tỉnh đạt từ 3 sao,Share of provincially evaluated products reaching 3★,products evaluated at provincial level in the plan year that reached 3★ or more / products evaluated at provincial level in the plan year,số sản phẩm được đánh giá cấp tỉnh trong năm kế hoạch đạt từ 3 sao trở lên / số sản phẩm được đánh giá cấp tỉnh trong năm kế hoạch
T6-UPGRADES,count_between,5-8,products,products certified in the previous year,SNN,Nâng hạng sao sản phẩm OCOP năm trước,Star upgrades of last year's OCOP products,distinct products certified in the previous year whose star level rose through a decision dated in the plan year,số sản phẩm khác nhau được chứng nhận OCOP trong năm trước và được nâng hạng sao theo quyết định ban hành trong năm kế hoạch
T7-CAPACITY,share_at_least,100,percent,participating entities,SNN,Chủ thể được nâng cao năng lực quản lý,Participating entities given management-capacity support,share of the year's participating entities with at least one capacity-building activity recorded in the plan year,tỷ lệ chủ thể tham gia trong năm có ít nhất một hoạt động nâng cao năng lực được ghi nhận trong năm kế hoạch
T8-STANDARDISE-4STAR,share_at_least,100,percent,previous year's provincial 4★ products,SNN,Chuẩn hóa sản phẩm 4 sao năm trước để dự thi cấp quốc gia,Previous year's 4★ products standardised for national evaluation,share of the previous year's provincial 4★ products with a standardisation-support activity or a national-level evaluation in the plan year,tỷ lệ sản phẩm 4 sao cấp tỉnh của năm trước có hoạt động hỗ trợ chuẩn hóa hoặc được đánh giá cấp quốc gia trong năm kế hoạch
`;

/** data/seed/districts-2021.csv */
export const DISTRICTS_2021_CSV = `code,name,type,type_vi,notes
long-xuyen,Long Xuyên,city,thành phố,provincial capital
chau-doc,Châu Đốc,city,thành phố,
tan-chau,Tân Châu,town,thị xã,
an-phu,An Phú,district,huyện,thị trấn Đa Phước created 2023 (NQ 721/NQ-UBTVQH15)
chau-phu,Châu Phú,district,huyện,
chau-thanh,Châu Thành,district,huyện,
cho-moi,Chợ Mới,district,huyện,thị trấn Hội An created 2023 (NQ 721/NQ-UBTVQH15)
phu-tan,Phú Tân,district,huyện,
thoai-son,Thoại Sơn,district,huyện,
tinh-bien,Tịnh Biên,district,huyện,became a town (thị xã) by NQ 721/NQ-UBTVQH15 of 2023-02-13
tri-ton,Tri Tôn,district,huyện,
`;

/** Splits simple CSV text (no quoted fields, as in these two files) into header-keyed rows. */
export function parseSimpleCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== columns.length) throw new Error(`Unexpected comma or quote in: ${line}`);
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}
