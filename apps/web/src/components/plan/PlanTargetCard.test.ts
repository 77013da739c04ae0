import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import PlanTargetCard from './PlanTargetCard.vue';
import { createTestApp } from '../../testing/setup';
import { progress, target } from '../../testing/fixtures';
import type { PlanTarget, TargetCoverage } from '../../graphql/plan';

async function mountCard(
  t: PlanTarget,
  locale: 'vi' | 'en' = 'vi',
  extra: { coverage?: TargetCoverage | null } = {},
) {
  const { plugins } = await createTestApp('/', locale);
  return mount(PlanTargetCard, {
    props: { target: t, ...extra },
    global: { plugins: [...plugins] },
  });
}

// T1 at the end of 2021 as the API gives it (apps/api/test/target-coverage.test.ts).
const t1Coverage: TargetCoverage = {
  source: 'PROVINCIAL_ROUNDS',
  missingPassed: 11,
  statement:
    'The database holds the decisions of round 1/2021; round 2/2021 (11 products passed) is published but not recorded here, so up to 11 products are missing from the figure.',
  statementVi:
    'Cơ sở dữ liệu có quyết định của đợt 1/2021; đợt 2/2021 (11 sản phẩm đạt) đã được công bố nhưng chưa được ghi nhận tại đây, nên con số có thể còn thiếu tới 11 sản phẩm.',
};

describe('PlanTargetCard', () => {
  it('shows an achieved count target with its number, goal, status text, icon and reason', async () => {
    const wrapper = await mountCard(
      target({
        progress: progress({
          actual: 23,
          ratio: 1.15,
          met: true,
          status: 'ACHIEVED',
          statusRule: 'Đạt khi số thực hiện ≥ chỉ tiêu',
          statusReason: '23 ≥ 20',
        }),
      }),
    );
    const card = wrapper.get('[data-testid="target-card-T1-CERTIFIED"]');
    expect(card.get('[data-testid="target-actual"]').text()).toBe('23');
    expect(card.get('[data-testid="target-goal"]').text()).toBe('Chỉ tiêu: ít nhất 20');
    const status = card.get('[data-testid="target-status"]');
    expect(status.text()).toContain('Đã đạt');
    expect(status.text()).toContain('✔');
    expect(status.attributes('data-status')).toBe('ACHIEVED');
    // The rule and reason live in a tooltip linked to a focusable button.
    const trigger = card.get('button.tooltip__trigger');
    const tip = card.get(`#${trigger.attributes('aria-describedby')}`);
    expect(tip.attributes('role')).toBe('tooltip');
    expect(tip.text()).toContain('23 ≥ 20');
    expect(card.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('100');
    expect(card.text()).toContain('Sở Nông nghiệp và Phát triển nông thôn');
  });

  it('shows an at-risk share target as numerator/denominator with a percentage', async () => {
    const wrapper = await mountCard(
      target({
        code: 'T5-PASS-RATE',
        kind: 'SHARE_AT_LEAST',
        targetValue: 80,
        unitLabel: 'percent',
        progress: progress({
          target: 80,
          numerator: 9,
          denominator: 12,
          actual: 75,
          status: 'AT_RISK',
          statusReason: '75% < 80%',
        }),
      }),
    );
    const card = wrapper.get('[data-testid="target-card-T5-PASS-RATE"]');
    expect(card.get('[data-testid="target-actual"]').text()).toBe('9/12 (75%)');
    expect(card.get('[data-testid="target-goal"]').text()).toBe('Chỉ tiêu: ít nhất 80%');
    expect(card.get('[data-testid="target-status"]').text()).toContain('Có nguy cơ chậm');
    expect(card.get('[data-testid="target-status"]').text()).toContain('⚠');
    expect(card.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('94');
  });

  it('says when a share comes from the council counts the province published', async () => {
    const wrapper = await mountCard(
      target({
        code: 'T5-PASS-RATE',
        kind: 'SHARE_AT_LEAST',
        targetValue: 80,
        unitLabel: 'percent',
        progress: progress({
          target: 80,
          numerator: 12,
          denominator: 17,
          actual: 70.59,
          status: 'MISSED',
          publishedRounds: ['1/2021'],
        }),
      }),
    );
    const card = wrapper.get('[data-testid="target-card-T5-PASS-RATE"]');
    expect(card.get('[data-testid="target-actual"]').text()).toBe('12/17 (70,6%)');
    expect(card.get('[data-testid="target-published-rounds"]').text()).toBe(
      'Tính theo số tỉnh công bố của hội đồng đợt 1/2021 (tỉnh không công bố danh sách sản phẩm không đạt).',
    );
  });

  it('says "no data" instead of a zero when there is no data', async () => {
    const wrapper = await mountCard(
      target({ progress: progress({ noData: true, status: 'NOT_STARTED' }) }),
    );
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('Chưa có dữ liệu');
    expect(wrapper.get('[data-testid="target-status"]').text()).toContain('Chưa bắt đầu');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBeUndefined();
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuetext')).toBe(
      'Chưa có dữ liệu',
    );
  });

  it('labels a figure that rests on sample activities, and says nothing when it uses real records only', async () => {
    const onSamples = await mountCard(target({ progress: progress({ sampleRecords: 7 }) }));
    expect(onSamples.get('[data-testid="target-sample-note"]').text()).toBe(
      'Dữ liệu mẫu: con số này dựa trên 7 hoạt động mẫu do hệ thống tạo, không phải số liệu thật.',
    );
    const real = await mountCard(target({ progress: progress({ sampleRecords: 0 }) }));
    expect(real.find('[data-testid="target-sample-note"]').exists()).toBe(false);
  });

  it('counts units meeting an each-unit target and lists them', async () => {
    const wrapper = await mountCard(
      target({
        code: 'T3-ENTITIES-PER-DISTRICT',
        kind: 'EACH_UNIT_AT_LEAST',
        targetValue: 2,
        progress: progress({
          target: 2,
          status: 'OFF_TRACK',
          perUnit: [
            { unit: { id: '1', code: 'tri-ton', name: 'Tri Tôn' }, value: 3, met: true },
            { unit: { id: '2', code: 'an-phu', name: 'An Phú' }, value: 1, met: false },
          ],
        }),
      }),
      'en',
    );
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('1/2 units met');
    expect(wrapper.get('[data-testid="target-status"]').text()).toContain('Off track');
    expect(wrapper.text()).toContain('An Phú: 1');
  });

  it('says a finished plan target is missed with its margin (T1 of 2021: 12 against 20), in Vietnamese', async () => {
    const wrapper = await mountCard(
      target({
        progress: progress({
          actual: 12,
          status: 'MISSED',
          statusReasonCode: 'PERIOD_ENDED_UNMET',
          statusReasonParams: [
            { name: 'asOf', number: null, date: '2021-12-31' },
            { name: 'target', number: 20, date: null },
            { name: 'actual', number: 12, date: null },
            { name: 'periodEnd', number: null, date: '2021-12-31' },
            { name: 'margin', number: -8, date: null },
          ],
        }),
      }),
    );
    const status = wrapper.get('[data-testid="target-status"]');
    expect(status.text()).toContain('Không đạt (đã kết thúc kỳ)');
    expect(status.attributes('data-status')).toBe('MISSED');
    const tip = wrapper.get('[role="tooltip"]').text();
    expect(tip).toContain('Không đạt: kỳ kế hoạch đã kết thúc ngày 31/12/2021');
    expect(tip).toContain('chênh lệch -8');
  });

  it('labels a figure resting on sample data DEMO_DATA, not achieved', async () => {
    const wrapper = await mountCard(
      target({ progress: progress({ actual: 100, sampleRecords: 12, status: 'DEMO_DATA' }) }),
      'en',
    );
    const status = wrapper.get('[data-testid="target-status"]');
    expect(status.text()).toContain('Demo data');
    expect(status.classes()).toContain('status--demo_data');
  });

  it('explains the domain status rule in the reader language, with its constants', async () => {
    const wrapper = await mountCard(
      target({
        progress: progress({
          actual: 3,
          status: 'AT_RISK',
          statusRule: 'linear-pace-v2',
          statusReason: 'On 2021-06-30: 3 against 20',
        }),
      }),
    );
    const tip = wrapper.get('[role="tooltip"]').text();
    expect(tip).toContain('Tiến độ tuyến tính (linear-pace-v2)');
    expect(tip).toContain('50% mức kỳ vọng');
    expect(tip).toContain('On 2021-06-30: 3 against 20');
  });

  it('formats numbers in the locale (English)', async () => {
    const wrapper = await mountCard(
      target({ progress: progress({ actual: 1234.5, status: 'ON_TRACK' }) }),
      'en',
    );
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('1,234.5');
  });

  it('formats numbers in the locale (Vietnamese)', async () => {
    const wrapper = await mountCard(
      target({ progress: progress({ actual: 1234.5, status: 'ON_TRACK' }) }),
      'vi',
    );
    expect(wrapper.get('[data-testid="target-actual"]').text()).toBe('1.234,5');
  });

  it('shows the definition in the reader’s language', async () => {
    const vi = await mountCard(target());
    expect(vi.get('[data-testid="target-definition"]').text()).toBe(
      'số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch',
    );
    const en = await mountCard(target(), 'en');
    expect(en.get('[data-testid="target-definition"]').text()).toBe(
      'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    );
    const noVi = await mountCard(target({ definitionVi: null }));
    expect(noVi.get('[data-testid="target-definition"]').text()).toBe(
      'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
    );
  });

  it('says the status reason from its code and numbers in Vietnamese and English', async () => {
    const behind = target({
      progress: progress({
        actual: 6,
        status: 'AT_RISK',
        statusReason:
          'On 2021-07-02: 6 against a target of 20 products; linear pace expects 10.03 after 50.14% of the period.',
        statusReasonCode: 'PACE_BEHIND',
        statusReasonParams: [
          { name: 'asOf', number: null, date: '2021-07-02' },
          { name: 'target', number: 20, date: null },
          { name: 'actual', number: 6, date: null },
          { name: 'expected', number: 10.03, date: null },
          { name: 'elapsedPercent', number: 50.14, date: null },
        ],
      }),
    });
    const tipOf = (wrapper: Awaited<ReturnType<typeof mountCard>>) => {
      const trigger = wrapper.get('button.tooltip__trigger');
      return wrapper.get(`#${trigger.attributes('aria-describedby')}`).text();
    };
    expect(tipOf(await mountCard(behind))).toContain(
      'Ngày 02/07/2021: 6 so với chỉ tiêu 20 sản phẩm; theo tiến độ tuyến tính, sau 50,14% thời gian của kỳ cần đạt 10,03.',
    );
    expect(tipOf(await mountCard(behind, 'en'))).toContain(
      'On 02/07/2021: 6 against a target of 20 products; linear pace expects 10.03 after 50.14% of the period.',
    );
  });

  it('says a share with no data as "chưa có số liệu", never 0 %', async () => {
    const share = target({
      kind: 'SHARE_AT_LEAST',
      unitLabel: 'percent',
      progress: progress({
        noData: true,
        statusReasonCode: 'NO_DATA',
        statusReasonParams: [
          { name: 'asOf', number: null, date: '2021-07-02' },
          { name: 'target', number: 100, date: null },
        ],
      }),
    });
    const wrapper = await mountCard(share);
    const trigger = wrapper.get('button.tooltip__trigger');
    expect(wrapper.get(`#${trigger.attributes('aria-describedby')}`).text()).toContain(
      'Chưa có gì để đo vào ngày 02/07/2021: chưa có số liệu (chỉ tiêu 100%).',
    );
  });

  it('prints the coverage of its figure in the reader’s language, marked when products are missing', async () => {
    const vi = await mountCard(target(), 'vi', { coverage: t1Coverage });
    const line = vi.get('[data-testid="target-coverage"]');
    expect(line.text()).toBe(`Độ đầy đủ: ${t1Coverage.statementVi}`);
    expect(line.classes()).toContain('target-card__coverage--missing');
    const en = await mountCard(target(), 'en', { coverage: t1Coverage });
    expect(en.get('[data-testid="target-coverage"]').text()).toBe(
      `Coverage: ${t1Coverage.statement}`,
    );
  });

  it('keeps the coverage line empty while it loads, and has none when not asked', async () => {
    const loading = await mountCard(target(), 'vi', { coverage: null });
    expect(loading.get('[data-testid="target-coverage"]').text()).toBe('');
    const none = await mountCard(target());
    expect(none.find('[data-testid="target-coverage"]').exists()).toBe(false);
  });
});
