import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, settle } from '../testing/setup';
import {
  entryFetchStub,
  GraphQLErrorAnswer,
  sessionUser,
  startWithToken,
} from '../testing/entry-stub';

vi.mock('vue-chartjs', () => import('../testing/chart-mock'));

const officer = sessionUser({
  role: 'DEPARTMENT_OFFICER',
  displayName: 'Phạm Minh Tâm',
  department: { code: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
});
const kinds = {
  department: {
    code: 'SCT',
    tasks: [
      { code: 'SCT-1', activityKinds: ['trade_promotion', 'supply_demand_connection'] },
      { code: 'SCT-2', activityKinds: ['trade_promotion', 'industrial_extension'] },
    ],
  },
};
const task = {
  id: 't5',
  code: 'SCT-1',
  summaryVi: 'Xúc tiến thương mại sản phẩm OCOP',
  summaryEn: 'Promote OCOP products',
  status: 'IN_PROGRESS',
  progressNote: 'Đã dự 2 hội chợ',
  version: 3,
};

async function openForm(handlers: Record<string, unknown>) {
  startWithToken();
  const stub = entryFetchStub({
    Me: { me: officer },
    DepartmentActivityKinds: kinds,
    Reference: {
      adminUnits: [
        { id: '1', code: 'long-xuyen', name: 'Long Xuyên', type: 'CITY', typeVi: 'thành phố' },
      ],
      productGroups: [],
    },
    DepartmentTaskProgress: { department: { code: 'SCT', tasks: [task] } },
    ...handlers,
  });
  vi.stubGlobal('fetch', stub);
  const { plugins } = await createTestApp('/entry/activity');
  const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="entry-activity-form"]').exists()).toBe(true),
  );
  await settle();
  return { wrapper, stub };
}

describe('activity form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('offers the kinds of the officer’s own department’s tasks and records the activity for that department', async () => {
    const { wrapper, stub } = await openForm({ RecordActivity: { recordActivity: { id: 'a1' } } });
    expect(stub.calls.find((c) => c.operation === 'DepartmentActivityKinds')?.variables).toEqual({
      code: 'SCT',
    });
    expect(stub.calls.some((c) => c.operation === 'DepartmentList')).toBe(false);
    expect(wrapper.get('[data-testid="entry-activity-department"]').element).toHaveProperty(
      'value',
      'Sở Công Thương',
    );
    const options = wrapper
      .findAll('[data-testid="entry-activity-kind"] option')
      .map((o) => o.text());
    expect(options).toEqual(['Xúc tiến thương mại', 'Kết nối cung cầu', 'Khuyến công']);
    await wrapper.get('[data-testid="entry-activity-kind"]').setValue('industrial_extension');
    await wrapper.get('[data-testid="entry-activity-date"]').setValue('2024-05-10');
    await wrapper.get('[data-testid="entry-activity-unit"]').setValue('long-xuyen');
    await wrapper.get('[data-testid="entry-activity-count"]').setValue('2');
    await wrapper.get('[data-testid="entry-activity-note"]').setValue('Hỗ trợ máy sấy cho 2 cơ sở');
    await wrapper.get('[data-testid="entry-activity-form"]').trigger('submit');
    await flushPromises();
    expect(stub.calls.find((c) => c.operation === 'RecordActivity')?.variables).toEqual({
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      input: {
        departmentCode: 'SCT',
        kind: 'industrial_extension',
        date: '2024-05-10',
        unitCode: 'long-xuyen',
        count: 2,
        note: 'Hỗ trợ máy sấy cho 2 cơ sở',
      },
    });
    expect(wrapper.get('[data-testid="entry-activity-success"]').text()).toContain(
      'Đã lưu hoạt động.',
    );
    wrapper.unmount();
  });

  it('sends a retry of the same activity with the same idempotency key, and the next one with a new key', async () => {
    let attempt = 0;
    const { wrapper, stub } = await openForm({
      RecordActivity: () => {
        // The first save never reaches the API (network error): the officer saves again.
        if (++attempt === 1) throw new TypeError('Failed to fetch');
        return { recordActivity: { id: `a${attempt}` } };
      },
    });
    const fill = async () => {
      await wrapper.get('[data-testid="entry-activity-kind"]').setValue('trade_promotion');
      await wrapper.get('[data-testid="entry-activity-date"]').setValue('2024-06-01');
      await wrapper.get('[data-testid="entry-activity-count"]').setValue('1');
    };
    await fill();
    await wrapper.get('[data-testid="entry-activity-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="entry-activity-success"]').exists()).toBe(false);
    await wrapper.get('[data-testid="entry-activity-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="entry-activity-success"]').text()).toContain(
      'Đã lưu hoạt động.',
    );
    // "Record another" with the very same values is a second activity: a new key.
    await wrapper.get('[data-testid="entry-activity-another"]').trigger('click');
    await fill();
    await wrapper.get('[data-testid="entry-activity-form"]').trigger('submit');
    await flushPromises();
    const keys = stub.calls
      .filter((c) => c.operation === 'RecordActivity')
      .map((c) => c.variables.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    wrapper.unmount();
  });

  it('shows VERSION_CONFLICT’s current values, keeps the typed note, and saves over them on request', async () => {
    let attempt = 0;
    const { wrapper, stub } = await openForm({
      UpdateTaskProgress: (v: Record<string, unknown>) =>
        ++attempt === 1
          ? new GraphQLErrorAnswer('This Task was changed by someone else.', {
              code: 'VERSION_CONFLICT',
              messageVi:
                'Nhiệm vụ đã được người khác sửa sau khi bạn mở; hãy xem giá trị hiện tại và thử lại.',
              messageEn: 'This Task was changed by someone else since you opened it.',
              current: { status: 'DONE', progressNote: 'Hoàn thành hội chợ Cần Thơ', version: 4 },
            })
          : {
              updateTaskProgress: {
                id: 't5',
                status: 'IN_PROGRESS',
                progressNote: (v.input as { progressNote: string }).progressNote,
                version: 5,
              },
            },
    });
    await wrapper.get('[data-testid="entry-task-select"]').setValue('t5');
    expect(wrapper.get('[data-testid="entry-task-note"]').element).toHaveProperty(
      'value',
      'Đã dự 2 hội chợ',
    );
    await wrapper.get('[data-testid="entry-task-note"]').setValue('Đã dự 3 hội chợ');
    await wrapper.get('[data-testid="entry-task-form"]').trigger('submit');
    await flushPromises();

    expect(stub.calls.find((c) => c.operation === 'UpdateTaskProgress')?.variables).toMatchObject({
      id: 't5',
      version: 3,
    });
    const conflict = wrapper.get('[data-testid="entry-task-conflict"]');
    expect(wrapper.get('[data-testid="entry-task-error"]').text()).toContain('người khác sửa');
    expect(conflict.text()).toContain('Hoàn thành hội chợ Cần Thơ');
    expect(conflict.text()).toContain('DONE');
    expect(wrapper.get('[data-testid="entry-task-note"]').element).toHaveProperty(
      'value',
      'Đã dự 3 hội chợ',
    );

    await wrapper.get('[data-testid="entry-task-overwrite"]').trigger('click');
    await flushPromises();
    const second = stub.calls.filter((c) => c.operation === 'UpdateTaskProgress')[1];
    expect(second?.variables).toMatchObject({
      id: 't5',
      version: 4,
      input: { progressNote: 'Đã dự 3 hội chợ' },
    });
    expect(wrapper.get('[data-testid="entry-task-success"]').text()).toContain(
      'Đã cập nhật tiến độ nhiệm vụ.',
    );
    wrapper.unmount();
  });
});
