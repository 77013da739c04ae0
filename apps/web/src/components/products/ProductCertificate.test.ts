import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ProductCertificate from './ProductCertificate.vue';
import { createTestApp } from '../../testing/setup';
import type { ProductDetail } from '../../graphql/product';

/** Round 1/2021 of the seed: year-only, certificates handed over by 22/4/2021. */
const certificate = {
  stars: 3,
  issuedOn: { value: '2021-04-22', precision: 'YEAR', label: '2021 (≤ 22/04/2021)' },
  validUntil: '2024-04-22',
  earliestValidUntil: '2024-01-01',
  status: 'POSSIBLY_EXPIRED',
  decision: { id: 'd1', number: null, issuingLevel: 'PROVINCE' },
} as unknown as ProductDetail['certificate'];

async function mountCertificate(c: ProductDetail['certificate'], locale: 'vi' | 'en') {
  const { plugins } = await createTestApp('/', locale);
  return mount(ProductCertificate, {
    props: { certificate: c, asOf: '2024-03-01' },
    global: { plugins: [...plugins] },
  });
}

describe('ProductCertificate', () => {
  it('shows the expiry range and "possibly expired" for a year-only decision', async () => {
    const vi = await mountCertificate(certificate, 'vi');
    expect(vi.get('[data-testid="certificate-status"]').text()).toBe(
      'Có thể đã hết hạn (ngày quyết định chỉ biết năm)',
    );
    expect(vi.get('[data-testid="certificate-valid-range"]').text()).toBe(
      'Vì ngày quyết định chỉ biết năm, giấy chứng nhận hết hạn trong khoảng từ 01/01/2024 đến 22/04/2024.',
    );
    const en = await mountCertificate(certificate, 'en');
    expect(en.get('[data-testid="certificate-status"]').text()).toBe(
      'Possibly expired (decision date known only by year)',
    );
  });

  it('shows no range for a decision dated to the day', async () => {
    const exact = {
      ...certificate,
      issuedOn: { value: '2022-10-10', precision: 'DAY', label: '10/10/2022' },
      validUntil: '2025-10-10',
      earliestValidUntil: '2025-10-10',
      status: 'VALID',
    } as unknown as ProductDetail['certificate'];
    const wrapper = await mountCertificate(exact, 'vi');
    expect(wrapper.find('[data-testid="certificate-valid-range"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="certificate-status"]').text()).toBe('Còn hiệu lực');
  });
});
