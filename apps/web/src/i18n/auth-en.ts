import type { Messages } from './vi';

export const authEn: Pick<Messages, 'auth' | 'roles'> = {
  auth: {
    signIn: 'Sign in',
    entryMenu: 'Data entry',
    signOut: 'Sign out',
    title: 'Sign in to enter data',
    intro:
      'For staff of the coordination office, departments and districts. The public dashboard needs no sign-in.',
    email: 'Email',
    password: 'Password',
    submitting: 'Signing in…',
    failed: 'Could not sign in.',
    missing: 'Enter your email and password.',
    expired: 'Your session expired or was revoked. Please sign in again.',
    signedInAs: 'Signed in: {name} ({role})',
    userLabel: 'Account',
  },
  roles: {
    ADMIN: 'Administrator',
    SECRETARIAT: 'Coordination office',
    DEPARTMENT_OFFICER: 'Department officer',
    DISTRICT_OFFICER: 'District officer',
    VIEWER: 'Viewer',
  },
};
