import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { getProductGroup, groupsOf, mapGroup1048To148 } from './product-groups.js';

describe('product groups', () => {
  it('lists the six 1048 ngành and the six 148 nhóm in order', () => {
    expect(groupsOf('1048').map((g) => g.code)).toEqual([
      'food',
      'beverage',
      'herbal',
      'textile',
      'handicraft',
      'tourism',
    ]);
    expect(groupsOf('148').map((g) => g.code)).toEqual([
      'food',
      'beverage',
      'medicinal',
      'handicraft',
      'ornamental',
      'tourism',
    ]);
  });

  it('names groups in Vietnamese and English', () => {
    expect(getProductGroup('1048', 'handicraft').nameVi).toBe('Lưu niệm – nội thất – trang trí');
    expect(getProductGroup('148', 'ornamental')).toMatchObject({
      nameVi: 'Sinh vật cảnh',
      number: 5,
    });
    expect(getProductGroup('148', 'tourism').nameVi).toBe(
      'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    );
  });

  it('maps textile to handicraft, as An Giang counted the Khmer sarong', () => {
    expect(mapGroup1048To148('textile').code).toBe('handicraft');
    expect(mapGroup1048To148('herbal').code).toBe('medicinal');
    expect(mapGroup1048To148('handicraft').code).toBe('handicraft');
    expect(mapGroup1048To148('food').code).toBe('food');
  });

  it('rejects a code that the taxonomy does not have', () => {
    try {
      getProductGroup('1048', 'ornamental');
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('UNKNOWN_PRODUCT_GROUP');
    }
    expect(() => mapGroup1048To148('medicinal')).toThrowError(DomainError);
  });
});
