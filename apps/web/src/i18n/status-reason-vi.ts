// Status reasons of linear-pace-v2 (one message per StatusReasonCode of the API) and their
// opening clause per target kind. Merged into vi.ts; formatted by components/plan/status-reason.ts.
export const statusReasonVi = {
  statusReason: {
    base: {
      count: '{actual} so với chỉ tiêu {goal} {unit}',
      share: '{actual}% so với chỉ tiêu {goal}%',
      eachUnit: 'đơn vị thấp nhất có {actual} so với chỉ tiêu {goal} {unit} mỗi đơn vị',
      noData: 'chưa có số liệu (chỉ tiêu {goal} {unit})',
      noDataShare: 'chưa có số liệu (chỉ tiêu {goal}%)',
    },
    units: {
      products: 'sản phẩm',
      entities: 'chủ thể',
    },
    BEFORE_PERIOD: 'Kỳ kế hoạch bắt đầu ngày {periodStart}, sau ngày {asOf}; {base}.',
    ACHIEVED: 'Đã đạt vào ngày {asOf}: {base}.',
    ACHIEVED_ABOVE_RANGE:
      'Đã đạt vào ngày {asOf}: {base}; vượt mức trên của kế hoạch là {targetMax}.',
    PERIOD_ENDED_UNMET:
      'Không đạt: kỳ kế hoạch đã kết thúc ngày {periodEnd} với {base} (chênh lệch {margin}).',
    PERIOD_ENDED_MET: 'Đạt: kỳ kế hoạch đã kết thúc ngày {periodEnd} với {base} (vượt +{margin}).',
    DEMO_DATA:
      'Dữ liệu mẫu ngày {asOf}: {base}, dựa trên {sampleRecords} bản ghi mẫu được tạo ra, không phải số liệu đã công bố.',
    NO_DATA_SOURCE:
      'Chưa có nguồn dữ liệu ngày {asOf}: các sự kiện mà chỉ tiêu này đếm chưa được ghi nhận ở đâu cả.',
    NO_DATA: 'Chưa có gì để đo vào ngày {asOf}: {base}.',
    SHARE_WITHIN_MARGIN:
      'Ngày {asOf}: {base}, thiếu không quá {marginPoints} điểm phần trăm so với chỉ tiêu.',
    SHARE_SHORT:
      'Ngày {asOf}: {base}, còn thiếu {gapPoints} điểm phần trăm (ngưỡng có nguy cơ chậm: {marginPoints} điểm).',
    SHARE_FAR_SHORT: 'Ngày {asOf}: {base}, còn thiếu {gapPoints} điểm phần trăm.',
    PACE_AHEAD:
      'Ngày {asOf}: {base}; theo tiến độ tuyến tính, sau {elapsedPercent}% thời gian của kỳ cần đạt {expected}.',
    PACE_BEHIND:
      'Ngày {asOf}: {base}; theo tiến độ tuyến tính, sau {elapsedPercent}% thời gian của kỳ cần đạt {expected}.',
    PACE_FAR_BEHIND:
      'Ngày {asOf}: {base}; theo tiến độ tuyến tính, sau {elapsedPercent}% thời gian của kỳ cần đạt {expected}, và kết quả chưa bằng một nửa mức đó.',
  },
} as const;
