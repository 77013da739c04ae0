// Texts of the two matrices of issue 12: the districts scorecard (/districts) and the
// departments' responsibility matrix (/departments, /departments/:code). Vietnamese first.
// Avoid the characters @ { } | in plain text (only {name} placeholders).
export const matricesVi = {
  scorecard: {
    title: 'Bảng điểm theo đơn vị',
    caption: 'Bảng điểm: từng đơn vị cấp huyện so với chỉ tiêu của {plan}, tính đến {date}',
    intro:
      'Mỗi dòng là một đơn vị cấp huyện; cột chỉ tiêu ghi số của đơn vị so với mức mỗi đơn vị phải đạt và trạng thái (chữ và biểu tượng, không chỉ màu). Các cột còn lại đếm sản phẩm của năm {year}. Chọn một ô để mở đơn vị hoặc danh sách sản phẩm của đơn vị.',
    unitTarget: '{label} (mỗi đơn vị ≥ {target})',
    certified: 'Sản phẩm được công nhận',
    stars: 'Sản phẩm {n} sao',
    noTargets: 'Kế hoạch này không có chỉ tiêu tính cho từng đơn vị; bảng chỉ có các cột đếm.',
    noValue: 'không có số liệu',
  },
  matrix: {
    title: 'Phân công nhiệm vụ theo cơ quan',
    intro:
      'Mỗi dòng là một nhiệm vụ của {plan}: cơ quan chủ trì hoặc phối hợp, tình trạng, trạng thái các chỉ tiêu cơ quan đó phụ trách và số hoạt động đã ghi nhận (không tính dữ liệu mẫu) đến ngày {date}. Chọn tên cơ quan để xem hoạt động theo tháng.',
    caption: 'Phân công nhiệm vụ của {plan}, tính đến {date}',
    body: 'Cơ quan',
    task: 'Nhiệm vụ',
    role: 'Vai trò',
    status: 'Tình trạng',
    targets: 'Chỉ tiêu liên quan',
    recorded: 'Hoạt động đã ghi nhận',
    sample: '⚑ {n} mẫu',
    sampleTitle: '{n} hoạt động mẫu (dữ liệu minh họa, không tính)',
    noTargets: '—',
    noTasks: 'Kế hoạch này chưa giao nhiệm vụ cho cơ quan nào.',
    taskStatus: {
      NOT_STARTED: 'Chưa thực hiện',
      IN_PROGRESS: 'Đang thực hiện',
      DONE: 'Hoàn thành',
    },
  },
  department: {
    back: 'Quay lại bảng phân công',
    tasks: 'Nhiệm vụ trong {plan}',
    activitiesTitle: 'Hoạt động theo tháng, năm {year}',
    listTitle: 'Hoạt động đã ghi nhận năm {year}',
    listCaption: 'Hoạt động đã ghi nhận của {name}, năm {year}',
    listEmpty: 'Chưa có hoạt động nào được ghi nhận (không tính dữ liệu mẫu) trong năm {year}.',
    listMore: 'Hiển thị {shown} trên {total} hoạt động.',
    date: 'Ngày',
    kind: 'Loại hoạt động',
    count: 'Số lượng',
    place: 'Địa bàn',
    note: 'Ghi chú',
    notFound: 'Không có cơ quan mã {code}.',
  },
} as const;
