// Vietnamese texts for the importer's stable issue codes (the English detail stays in `message`).
import type { ImportIssue } from './decision-list-format.js';

const VI: Record<string, string> = {
  required: 'thiếu giá trị bắt buộc',
  invalid: 'giá trị không hợp lệ',
  unknown: 'không có trong danh mục',
  missing: 'nguồn không cung cấp thông tin này (chỉ đánh dấu, vẫn nhận)',
  duplicate: 'trùng với một dòng trước trong tệp',
  column_count: 'số ô của dòng không đúng số cột',
  formula: 'bắt đầu bằng =, +, -, @ hoặc tab (công thức bảng tính) nên bị từ chối',
  encoding: 'tệp không phải UTF-8; hãy lưu dạng CSV UTF-8',
  csv_syntax: 'tệp CSV sai cú pháp',
  xlsx: 'không đọc được tệp XLSX',
  empty: 'tệp rỗng',
  missing_column: 'thiếu cột',
  unexpected_column: 'cột không thuộc mẫu',
  repeated_column: 'cột bị lặp',
  below_star: 'điểm không đủ cho hạng sao đã ghi',
  year_mismatch: 'ngày quyết định không khớp năm',
  required_with_stars: 'có hạng sao thì phải có cấp đánh giá',
  required_with_level: 'dòng đã đánh giá phải có năm hoặc ngày quyết định',
  without_entity: 'có loại hình chủ thể nhưng thiếu tên chủ thể',
  no_rule_set: 'không có bộ tiêu chí nào áp dụng cho ngày này',
};

export function issueMessageVi(issue: ImportIssue): string {
  const text = VI[issue.code] ?? 'có lỗi';
  const where =
    issue.field === 'file' ? 'Tệp' : issue.field === 'row' ? 'Dòng' : `Cột ${issue.field}`;
  return `${where}: ${text} (${issue.message}).`;
}
