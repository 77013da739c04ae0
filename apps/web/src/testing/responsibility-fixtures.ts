// Plan 152's responsibility matrix as the API returns it on 2021-12-31 (three of its tasks, seed
// values), for the /departments and /departments/:code page tests.
const snn = {
  id: '1',
  code: 'SNN',
  nameVi: 'Sở Nông nghiệp và PTNT',
  nameEn: 'Department of Agriculture',
};
const huyen = {
  id: '7',
  code: 'UBND-HUYEN',
  nameVi: 'UBND các huyện, thị xã, thành phố',
  nameEn: 'District-level People’s Committees',
};
const target = (code: string, status: string, labelVi: string) => ({
  id: code,
  code,
  labelVi,
  labelEn: labelVi,
  progress: { status },
});

export const responsibilities = {
  plan: {
    id: 'p',
    year: 2021,
    code: '152/KH-UBND',
    title: 'Kế hoạch',
    programme: false,
    responsibilities: [
      {
        task: {
          id: 't1',
          code: 'SNN-1',
          role: 'LEAD',
          status: 'NOT_STARTED',
          summaryVi: 'Chủ trì triển khai chính sách phát triển sản xuất nông nghiệp',
          summaryEn: 'Lead agricultural production support policies',
        },
        department: snn,
        linkedTargets: [
          target(
            'T1-CERTIFIED',
            'MISSED',
            'Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm',
          ),
          target('T2-NATIONAL', 'MISSED', 'Sản phẩm tham gia đánh giá phân hạng cấp quốc gia'),
          target('T7-CAPACITY', 'DEMO_DATA', 'Chủ thể được nâng cao năng lực quản lý'),
        ],
        recordedActivities: 0,
        sampleActivities: 19,
      },
      {
        task: {
          id: 't2',
          code: 'SNN-2',
          role: 'COORDINATE',
          status: 'IN_PROGRESS',
          summaryVi: 'Hướng dẫn hoàn thiện sản phẩm đạt TCVN/QCVN',
          summaryEn: 'Guide products to meet national standards',
        },
        department: snn,
        linkedTargets: [],
        recordedActivities: 3,
        sampleActivities: 0,
      },
      {
        task: {
          id: 't3',
          code: 'HUYEN-1',
          role: 'LEAD',
          status: 'DONE',
          summaryVi: 'Rà soát, hỗ trợ chủ thể tham gia chương trình',
          summaryEn: 'Review and support participating entities',
        },
        department: huyen,
        linkedTargets: [
          target('T3-ENTITIES-PER-DISTRICT', 'MISSED', 'Mỗi huyện có ít nhất 2 chủ thể tham gia'),
          target('T4-ENTITY-HAS-PRODUCT', 'MET', 'Mỗi chủ thể có ít nhất 1 sản phẩm'),
        ],
        recordedActivities: 0,
        sampleActivities: 43,
      },
    ],
  },
};
