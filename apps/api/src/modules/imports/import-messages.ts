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
  stars_above_evaluation: 'hạng sao cao hơn kết quả đánh giá (điểm không đủ)',
  wrong_recogniser: 'cấp công nhận không đúng với hạng sao theo bộ tiêu chí đang áp dụng',
  date_in_future: 'ngày ở tương lai',
  date_before_programme: 'ngày trước khi có Chương trình OCOP (1048/QĐ-TTg, 21/8/2019)',
  stars_not_ocop: 'không phải hạng OCOP (3–5 sao)',
  decision_date_conflict: 'một số quyết định (cùng cấp ban hành) chỉ có một ngày',
  conflict: 'khác với số sao đã ghi nhận cho sản phẩm này trong quyết định',
  year_mismatch: 'ngày quyết định không khớp năm',
  required_with_stars: 'có hạng sao thì phải có cấp đánh giá',
  required_with_level: 'dòng đã đánh giá phải có năm hoặc ngày quyết định',
  without_entity: 'có loại hình chủ thể nhưng thiếu tên chủ thể',
};

export function issueMessageVi(issue: ImportIssue): string {
  const text = VI[issue.code] ?? 'có lỗi';
  const where =
    issue.field === 'file' ? 'Tệp' : issue.field === 'row' ? 'Dòng' : `Cột ${issue.field}`;
  return `${where}: ${text} (${issue.message}).`;
}
