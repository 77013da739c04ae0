import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import App from '../App.vue';
import { createTestApp, graphqlFetchStub, settle } from '../testing/setup';

afterEach(() => vi.unstubAllGlobals());

const cert = (
  id: string,
  name: string,
  unitCode: string | null,
  validUntil: string,
  due: boolean,
) => ({
  certificateId: id,
  productId: `p${id}`,
  productName: name,
  unitCode,
  issuingLevel: unitCode ? 'province' : 'national',
  stars: unitCode ? 4 : 5,
  issuedOn: '2020-12-31',
  validUntil,
  daysLeft: validUntil === '2023-12-31' ? 0 : 20,
  noticeBy: validUntil === '2023-12-31' ? '2023-12-01' : '2023-12-21',
  noticeDue: due,
});

describe('Expiry page', () => {
  it('lists certificates soonest first with unit, level and the re-evaluation window, and exports them', async () => {
    const stub = graphqlFetchStub({
      ExpiryRadar: {
        expiryRadar: {
          asOf: '2023-12-31',
          days: 90,
          count: 3,
          byUnit: [
            { key: null, count: 1 },
            { key: 'tri-ton', count: 2 },
          ],
          byLevel: [
            { key: 'province', count: 2 },
            { key: 'national', count: 1 },
          ],
          certificates: [
            cert('2', 'Mắm cá linh', 'tri-ton', '2024-01-20', false),
            cert('1', 'Đường thốt nốt sệt Palmania', 'tri-ton', '2023-12-31', true),
            cert('3', 'Gạo thơm đặc sản Thiên Vương', null, '2023-12-31', true),
          ],
        },
        adminUnits: [{ code: 'tri-ton', name: 'Tri Tôn', type: 'DISTRICT' }],
      },
    });
    vi.stubGlobal('fetch', stub);
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (b: Blob) => (created.push(b), 'blob:x'),
        revokeObjectURL: () => undefined,
      }),
    );
    const { plugins } = await createTestApp('/expiry?asOf=2023-12-31&days=90');
    const wrapper = mount(App, { global: { plugins: [...plugins] }, attachTo: document.body });
    await settle(10);
    expect(stub.calls[0]?.variables).toEqual({ asOf: '2023-12-31', days: 90 });
    const rows = wrapper.findAll('[data-testid="expiry-row"]').map((r) => r.text());
    expect(rows[0]).toContain('Đường thốt nốt sệt Palmania');
    expect(rows[0]).toContain('Tri Tôn');
    expect(rows[0]).toContain('Cấp tỉnh');
    expect(rows[0]).toContain('01/12/2023');
    expect(rows[0]).toContain('Đang mở: cần gửi thông báo');
    expect(rows[1]).toContain('Chưa ghi huyện');
    expect(rows[1]).toContain('Cấp quốc gia');
    expect(rows[2]).toContain('Chưa mở');
    expect(wrapper.get('[data-testid="expiry-by-unit"]').text()).toContain('Tri Tôn: 2');
    await wrapper.get('[data-testid="expiry-csv"]').trigger('click');
    expect(created).toHaveLength(1);
    const text = await created[0]!.text();
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFSản phẩm,Đơn vị,Cấp cấp giấy,Hạng sao,Ngày cấp,Hiệu lực đến,Còn (ngày),Hạn thông báo,Cửa sổ đánh giá lại',
    );
    expect(text.split('\r\n')).toHaveLength(5);
    wrapper.unmount();
  });
});
