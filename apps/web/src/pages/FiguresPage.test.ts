import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';
import { figuresStateFromQuery } from '../state/figures-state';
import { todayIso } from '../state/plan-period';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const stats = {
  stats: {
    measure: 'CERTIFICATES',
    groupBy: 'STARS',
    basis: 'EVER_CERTIFIED',
    asOf: '2021-06-30',
    definition: 'certificates 3★+ issued on or before the as-of date',
    definitionVi: 'giấy chứng nhận 3★+ cấp đến hết ngày chốt',
    rows: [
      { key: '3', label: '3', count: 30 },
      { key: '4', label: '4', count: 11 },
    ],
    total: 41,
    yearOnlyRecords: 2,
    decisions: [
      {
        id: 'd1',
        number: '123/QĐ-UBND',
        date: { value: '2021-04-22', precision: 'DAY', label: '22/04/2021' },
      },
    ],
    sources: [
      {
        id: 's1',
        url: 'https://ocop.angiang.gov.vn/tin-tuc/x',
        host: 'ocop.angiang.gov.vn',
        title: 'An Giang công nhận 12 sản phẩm OCOP',
        publishedOn: null,
      },
    ],
  },
};

const reconciliation = {
  reconciliation: {
    computed: 41,
    publishedCount: 37,
    difference: -4,
    coverage: 'The database holds 41 of the 37 products the province published for 2020-12-31.',
    coverageVi: 'Cơ sở dữ liệu có 41 trên 37 sản phẩm tỉnh công bố cho thời điểm 2020-12-31.',
    published: {
      id: 'p1',
      dateLabel: '2020-12-31',
      date: { value: '2020-12-31', precision: 'DAY', label: '31/12/2020' },
      metric: 'ag_products_3_4_star_provincial_total',
      value: '37',
      sources: [],
    },
  },
};

const path =
  '/figures?measure=CERTIFICATES&groupBy=STARS&basis=EVER_CERTIFIED&asOf=2021-06-30&stars=3,4&unit=tri-ton&lang=vi';

describe('Figures page', () => {
  let fetchStub: ReturnType<typeof graphqlFetchStub>;
  beforeEach(() => {
    fetchStub = graphqlFetchStub({
      Stats: stats,
      Reconciliation: reconciliation,
      Reference: { adminUnits: [], productGroups: [] },
    });
    vi.stubGlobal('fetch', fetchStub);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('restores every choice from the URL and asks the API for exactly that', async () => {
    const { plugins } = await createTestApp(path);
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const call = fetchStub.calls.find((c) => c.operation === 'Stats');
    expect(call?.variables).toEqual({
      measure: 'CERTIFICATES',
      groupBy: 'STARS',
      basis: 'EVER_CERTIFIED',
      asOf: '2021-06-30',
      filter: { unitCode: 'tri-ton', stars: [3, 4] },
      groupTaxonomy: 'QD1048',
    });
    expect(
      (wrapper.get('[data-testid="figures-measure"]').element as HTMLSelectElement).value,
    ).toBe('CERTIFICATES');
    expect(
      (wrapper.get('[data-testid="figures-groupby"]').element as HTMLSelectElement).value,
    ).toBe('STARS');
    expect(
      (wrapper.get('[data-testid="figures-stars-4"]').element as HTMLInputElement).checked,
    ).toBe(true);
    const rows = wrapper.findAll('[data-testid="figures-table"] tbody tr');
    expect(rows.map((r) => r.text())).toEqual(['3★30', '4★11']);
    expect(wrapper.get('[data-testid="figures-total"]').text()).toBe('41');
    expect(wrapper.get('[data-testid="figures-definition"]').text()).toBe(
      'giấy chứng nhận 3★+ cấp đến hết ngày chốt',
    );
    expect(wrapper.get('[data-testid="figures-asof"]').text()).toBe('30/06/2021');
    expect(wrapper.get('[data-testid="sources"]').text()).toContain(
      'An Giang công nhận 12 sản phẩm OCOP',
    );
    // The chart got an accessible name and its data.
    // The canvas is a lazy chunk (ChartCanvas.vue): wait for it, not for a number of ticks.
    const canvas = await vi.waitFor(() => wrapper.get('[data-testid="chart-canvas"]'), {
      timeout: 20_000,
    });
    expect(canvas.attributes('aria-label')).toContain('Giấy chứng nhận');
    wrapper.unmount();
  });

  it('gives a permalink that restores exactly this view', async () => {
    const { plugins, router } = await createTestApp(path);
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const href = wrapper.get('[data-testid="permalink"]').attributes('href') ?? '';
    const url = new URL(href);
    expect(url.pathname).toBe('/figures');
    expect(url.searchParams.get('lang')).toBe('vi');
    expect(figuresStateFromQuery(Object.fromEntries(url.searchParams))).toEqual(
      figuresStateFromQuery(router.currentRoute.value.query),
    );
    wrapper.unmount();
  });

  it('pins today as the as-of date when none is chosen, so the link stays reproducible', async () => {
    const { plugins } = await createTestApp('/figures');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const href = wrapper.get('[data-testid="permalink"]').attributes('href') ?? '';
    expect(new URL(href).searchParams.get('asOf')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    wrapper.unmount();
  });

  it('changing the measure updates the URL', async () => {
    const { plugins, router } = await createTestApp(path);
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    await wrapper.get('[data-testid="figures-measure"]').setValue('ENTITIES');
    await settle(10);
    expect(router.currentRoute.value.query.measure).toBe('ENTITIES');
    expect(router.currentRoute.value.query.groupBy).toBe('STARS');
    wrapper.unmount();
  });

  it('links the CSV, JSON and metadata to the API data endpoints with the permalink parameters', async () => {
    const { plugins } = await createTestApp(path);
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const permalink = new URL(wrapper.get('[data-testid="permalink"]').attributes('href')!);
    const csv = new URL(wrapper.get('[data-testid="download-csv"]').attributes('href')!);
    expect(csv.pathname).toBe('/figures/data.csv');
    expect(csv.search).toBe(permalink.search);
    expect(wrapper.get('[data-testid="download-csv"]').attributes('download')).toBe(
      'ocop-an-giang-certificates-stars-2021-06-30.csv',
    );
    expect(new URL(wrapper.get('[data-testid="metadata-json"]').attributes('href')!).pathname).toBe(
      '/figures/metadata.json',
    );
    const code = (wrapper.get('[data-testid="embed-code"]').element as HTMLTextAreaElement).value;
    expect(code).toContain(`src="${permalink.origin}/embed/figures${permalink.search}"`);
    expect(code).toContain('title="Giấy chứng nhận theo Hạng sao"');
    wrapper.unmount();
  });

  it('shows a visible chart title and exports an SVG with title, definition, date, basis, source host, permalink and site', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:figures';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    const { plugins } = await createTestApp(path);
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.get('[data-testid="chart-title"]').text()).toBe('Giấy chứng nhận theo Hạng sao');
    await wrapper.get('[data-testid="download-svg"]').trigger('click');
    expect(click).toHaveBeenCalledOnce();
    const svg = await blobs[0]!.text();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('Giấy chứng nhận theo Hạng sao');
    expect(texts).toContain('giấy chứng nhận 3★+ cấp đến hết ngày chốt');
    expect(texts).toContain('Tính đến ngày 30/06/2021 · Từng được công nhận');
    expect(texts).toContain('Nguồn: ocop.angiang.gov.vn');
    expect(texts).toContain('OCOP Monitor — An Giang');
    expect(texts.some((t) => t?.includes('/figures?measure=CERTIFICATES'))).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(['3★', '4★', '30', '11']));
    click.mockRestore();
    wrapper.unmount();
  });

  it('labels lower-case API keys (levels, entity types) and missing keys in the reader language', async () => {
    const levelStats = {
      stats: {
        ...stats.stats,
        groupBy: 'ENTITY_TYPE',
        rows: [
          { key: null, label: 'Không rõ', count: 12 },
          { key: 'household_business', label: 'Hộ kinh doanh / cơ sở sản xuất', count: 10 },
        ],
      },
    };
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Stats: levelStats,
        Reconciliation: reconciliation,
        Reference: { adminUnits: [], productGroups: [] },
      }),
    );
    const { plugins } = await createTestApp(
      '/figures?groupBy=ENTITY_TYPE&asOf=2021-12-31&lang=en',
      'en',
    );
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const rows = wrapper.findAll('[data-testid="figures-table"] tbody th').map((th) => th.text());
    // The bucket without a value is named as such and comes last, even when it is the largest.
    expect(rows).toEqual([
      'Household business / production establishment',
      'no entity type recorded',
    ]);
    expect(
      wrapper.findAll('[data-testid="figures-row"]').map((r) => r.classes('row--apart')),
    ).toEqual([false, true]);
    expect(wrapper.get('[data-testid="figures-definition"]').text()).toBe(
      'certificates 3★+ issued on or before the as-of date',
    );
    wrapper.unmount();
  });

  it('labels the missing key as a missing record in Vietnamese, never "Không rõ"', async () => {
    const withNull = {
      stats: { ...stats.stats, rows: [{ key: null, label: 'Không rõ', count: 8 }] },
    };
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Stats: withNull,
        Reconciliation: reconciliation,
        Reference: { adminUnits: [], productGroups: [] },
      }),
    );
    const { plugins } = await createTestApp('/figures?groupBy=ENTITY_TYPE&asOf=2021-12-31&lang=vi');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(
      wrapper.findAll('[data-testid="figures-table"] tbody th').map((th) => th.text()),
    ).toEqual(['chưa ghi loại chủ thể']);
    wrapper.unmount();
  });

  it('opens without a date or basis on ever-certified as of today, and the permalink pins both', async () => {
    const { plugins } = await createTestApp('/figures');
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    const call = fetchStub.calls.find((c) => c.operation === 'Stats');
    expect(call?.variables).toMatchObject({ basis: 'EVER_CERTIFIED', asOf: todayIso() });
    const permalink = new URL(
      wrapper.get('[data-testid="permalink"]').attributes('href')!,
      'http://x',
    );
    expect(permalink.searchParams.get('basis')).toBe('EVER_CERTIFIED');
    expect(permalink.searchParams.get('asOf')).toBe(todayIso());
    wrapper.unmount();
  });

  it('explains an empty valid-on-date result as "no certificate valid on this date"', async () => {
    const empty = {
      stats: {
        ...stats.stats,
        basis: 'VALID_ON_AS_OF',
        asOf: '2026-01-15',
        rows: [],
        total: 0,
        decisions: [],
        sources: [],
      },
    };
    vi.stubGlobal(
      'fetch',
      graphqlFetchStub({
        Stats: empty,
        Reconciliation: reconciliation,
        Reference: { adminUnits: [], productGroups: [] },
      }),
    );
    const { plugins } = await createTestApp(
      '/figures?basis=VALID_ON_AS_OF&asOf=2026-01-15&lang=vi',
    );
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.text()).toContain(
      'Không có giấy chứng nhận nào còn hiệu lực vào ngày 15/01/2026',
    );
    expect(wrapper.text()).toContain('Từng được công nhận');
    wrapper.unmount();
  });

  it('shows the published figure beside the computed one', async () => {
    const { plugins } = await createTestApp(
      path.replace('&stars=3,4&unit=tri-ton', '').replace('2021-06-30', '2021-06-30'),
    );
    const wrapper = mount(App, { global: { plugins: [...plugins] } });
    await settle(10);
    expect(wrapper.get('[data-testid="figures-computed"]').text()).toBe('41');
    expect(wrapper.get('[data-testid="figures-published"]').text()).toContain('37');
    // The API's coverage statement replaces the old "may use another definition" note.
    expect(wrapper.get('[data-testid="figures-coverage"]').text()).toBe(
      'Cơ sở dữ liệu có 41 trên 37 sản phẩm tỉnh công bố cho thời điểm 2020-12-31.',
    );
    wrapper.unmount();
  });
});
