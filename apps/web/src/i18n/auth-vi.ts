// Sign-in, account and role texts (always loaded: the header shows them). Merged into vi.ts.
export const authVi = {
  auth: {
    signIn: 'Đăng nhập',
    entryMenu: 'Nhập liệu',
    signOut: 'Đăng xuất',
    title: 'Đăng nhập để nhập liệu',
    intro:
      'Dành cho cán bộ Văn phòng Điều phối, sở, ngành và huyện. Bảng điều khiển công khai không cần đăng nhập.',
    email: 'Email',
    password: 'Mật khẩu',
    submitting: 'Đang đăng nhập…',
    failed: 'Không đăng nhập được.',
    missing: 'Nhập email và mật khẩu.',
    expired: 'Phiên đăng nhập đã hết hạn hoặc bị thu hồi. Hãy đăng nhập lại.',
    signedInAs: 'Đang đăng nhập: {name} ({role})',
    userLabel: 'Tài khoản',
  },
  roles: {
    ADMIN: 'Quản trị',
    SECRETARIAT: 'Văn phòng Điều phối',
    DEPARTMENT_OFFICER: 'Cán bộ sở, ngành',
    DISTRICT_OFFICER: 'Cán bộ huyện',
    VIEWER: 'Chỉ xem',
  },
} as const;
