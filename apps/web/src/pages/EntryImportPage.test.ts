import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import { entryFetchStub, sessionUser, startWithToken } from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const csv =
  'ten_san_pham,chu_the,huyen,so_sao\r\nMắm cá linh,Cơ sở Bà Giáo Khỏe,chau-doc,4\r\nKhô cá lóc,,xyz,6\r\n';

function report(dryRun: boolean, rejectedRows = 1) {
  return {
    importDecisionList: {
      dryRun,
      applied: !dryRun,
      noChanges: false,
      message: dryRun ? 'Dry run: nothing was written.' : 'Imported.',
      fileErrors: [],
      accepted: 1,
      flagged: 1 - rejectedRows,
      rejected: rejectedRows,
      problemRows: 1,
      runId: '7',
      created: {
        entities: 0,
        products: dryRun ? 0 : 1,
        evaluations: 0,
        decisions: dryRun ? 0 : 1,
        decisionItems: dryRun ? 0 : 1,
        certificates: 0,
        sources: 0,
      },
      rows: [
        { line: 2, status: 'ACCEPTED', productName: 'Mắm cá linh', issues: [] },
        {
          line: 3,
          status: rejectedRows ? 'REJECTED' : 'FLAGGED',
          productName: 'Khô cá lóc',
          issues: [
            {
              field: 'huyen',
              code: 'UNKNOWN_UNIT',
              message: 'Unknown unit "xyz".',
              messageVi: 'Không có đơn vị "xyz".',
            },
            {
              field: 'so_sao',
              code: 'INVALID_STARS',
              message: '6 is not a star level between 1 and 5',
              messageVi: 'Hạng sao 6 không hợp lệ (1–5).',
            },
          ],
        },
      ],
    },
  };
}

/** Signs in, stubs the API with `handlers` and opens the import page. */
async function openImportPage(handlers: Parameters<typeof entryFetchStub>[0]) {
  startWithToken();
  const stub = entryFetchStub({ Me: { me: sessionUser() }, ...handlers });
  vi.stubGlobal('fetch', stub);
  const { plugins } = await createTestApp('/entry/import');
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="entry-import-form"]').exists()).toBe(true),
  );
  return { stub, wrapper };
}

type Page = Awaited<ReturnType<typeof openImportPage>>['wrapper'];

/** Picks `file` in the page's file input. */
async function chooseFile(wrapper: Page, file: File): Promise<void> {
  const input = wrapper.get('[data-testid="entry-import-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

/** Picks `file` and waits until it has been read (the dry run can be asked). */
async function chooseReadableFile(wrapper: Page, file: File): Promise<void> {
  await chooseFile(wrapper, file);
  await vi.waitFor(() =>
    expect(
      wrapper.get('[data-testid="entry-import-dryrun"]').attributes('disabled'),
    ).toBeUndefined(),
  );
}

describe('decision-list import', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('reads the file as base64, shows the dry-run report per line and issue, and imports the valid rows only when told to skip the rejected', async () => {
    const { stub, wrapper } = await openImportPage({
      ImportDecisionList: (v: Record<string, unknown>) => report(v.dryRun === true),
    });
    const file = new File([new TextEncoder().encode(csv)], 'qd-2024.csv', { type: 'text/csv' });
    await chooseReadableFile(wrapper, file);
    await wrapper.get('[data-testid="entry-import-form"]').trigger('submit');
    await flushPromises();
    await settle();

    const dry = stub.calls.find((c) => c.operation === 'ImportDecisionList');
    expect(dry?.variables).toMatchObject({ fileName: 'qd-2024.csv', format: 'CSV', dryRun: true });
    const bytes = Uint8Array.from(atob(String(dry?.variables.contentBase64)), (ch) =>
      ch.charCodeAt(0),
    );
    expect(new TextDecoder().decode(bytes)).toBe(csv);

    expect(wrapper.get('[data-testid="entry-import-summary"]').text()).toBe(
      '1 dòng hợp lệ, 0 dòng cần xem lại, 1 dòng bị loại.',
    );
    const rows = wrapper.findAll('[data-testid="entry-import-row"]');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.findAll('td').map((td) => td.text())).toEqual([
      '2',
      'Hợp lệ',
      'Mắm cá linh',
      '—',
      '',
    ]);
    expect(rows[1]?.findAll('td').map((td) => td.text())).toEqual([
      '3',
      'Bị loại',
      'Khô cá lóc',
      'huyen',
      'Không có đơn vị "xyz".',
    ]);
    expect(rows[2]?.findAll('td').map((td) => td.text())).toEqual([
      '3',
      'Bị loại',
      'Khô cá lóc',
      'so_sao',
      'Hạng sao 6 không hợp lệ (1–5).',
    ]);

    expect(wrapper.get('[data-testid="entry-import-rejected-note"]').text()).toContain(
      'Còn 1 dòng bị loại',
    );
    expect(wrapper.get('[data-testid="entry-import-confirm"]').text()).toBe(
      'Nhập 1 dòng hợp lệ, bỏ qua 1 dòng bị loại',
    );
    await wrapper.get('[data-testid="entry-import-confirm"]').trigger('click');
    await flushPromises();
    const real = stub.calls.filter((c) => c.operation === 'ImportDecisionList')[1];
    expect(real?.variables).toMatchObject({ dryRun: false, skipRejected: true });
    wrapper.unmount();
  });

  it('runs for real with the same bytes after the user confirms a clean dry run', async () => {
    const { stub, wrapper } = await openImportPage({
      ImportDecisionList: (v: Record<string, unknown>) => report(v.dryRun === true, 0),
    });
    await chooseReadableFile(wrapper, new File([csv], 'qd-2024.csv'));
    await wrapper.get('[data-testid="entry-import-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-import-summary"]').text()).toBe(
      '1 dòng hợp lệ, 1 dòng cần xem lại, 0 dòng bị loại.',
    );
    const dry = stub.calls.find((c) => c.operation === 'ImportDecisionList');
    await wrapper.get('[data-testid="entry-import-confirm"]').trigger('click');
    await flushPromises();
    await settle();
    const real = stub.calls.filter((c) => c.operation === 'ImportDecisionList')[1];
    expect(real?.variables).toMatchObject({
      fileName: 'qd-2024.csv',
      format: 'CSV',
      dryRun: false,
      contentBase64: dry?.variables.contentBase64,
    });
    expect(wrapper.get('[data-testid="entry-import-success"]').text()).toContain('Đã nhập xong.');
    expect(real?.variables.skipRejected).toBeUndefined();
    expect(wrapper.get('[data-testid="entry-import-created"]').text()).toBe(
      'Bản ghi mới: 1 sản phẩm, 1 quyết định, 1 dòng quyết định',
    );
    expect(wrapper.find('[data-testid="entry-import-confirm"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the rows checked while the file is read, then that it is writing them', async () => {
    let finish!: () => void;
    const progress = [
      { phase: 'reading', done: 1 },
      { phase: 'writing', done: 2 },
    ];
    const { wrapper } = await openImportPage({
      ImportDecisionList: (v: Record<string, unknown>) =>
        v.dryRun === true
          ? report(true, 0)
          : new Promise((resolve) => (finish = () => resolve(report(false, 0)))),
      LastImportProgress: () => ({
        lastImportProgress: {
          fileName: 'qd-2024.csv',
          total: 2,
          finishedAt: null,
          ...(progress.length > 1 ? progress.shift() : progress[0]),
        },
      }),
    });
    await chooseReadableFile(wrapper, new File([csv], 'qd-2024.csv'));
    await wrapper.get('[data-testid="entry-import-form"]').trigger('submit');
    await flushPromises();
    await wrapper.get('[data-testid="entry-import-confirm"]').trigger('click');
    const shown = () => wrapper.find('[data-testid="entry-import-progress"]');
    await vi.waitFor(() => expect(shown().text()).toBe('Đang đọc và kiểm tra: 1/2 dòng'), {
      timeout: 5000,
    });
    expect(shown().get('progress').attributes('value')).toBe('1');
    await vi.waitFor(() => expect(shown().text()).toBe('Đang ghi 2 dòng vào cơ sở dữ liệu…'), {
      timeout: 5000,
    });
    // One transaction: no count to show, the bar is indeterminate.
    expect(shown().get('progress').attributes('value')).toBeUndefined();
    finish();
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="entry-import-success"]').text()).toContain('Đã nhập xong.'),
    );
    expect(shown().exists()).toBe(false);
    wrapper.unmount();
  });

  it('refuses files that are neither CSV nor XLSX before sending anything', async () => {
    const { stub, wrapper } = await openImportPage({});
    await chooseFile(wrapper, new File(['x'], 'bang.xls'));
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-import-file-error"]').text()).toContain(
      '.csv hoặc .xlsx',
    );
    expect(wrapper.get('[data-testid="entry-import-dryrun"]').attributes('disabled')).toBeDefined();
    expect(stub.calls.some((c) => c.operation === 'ImportDecisionList')).toBe(false);
    wrapper.unmount();
  });
});
