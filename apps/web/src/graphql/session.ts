import type { DateString } from './types';

/** Roles of the write side (the Role enum of apps/api/schema.graphql). */
export type Role = 'ADMIN' | 'SECRETARIAT' | 'DEPARTMENT_OFFICER' | 'DISTRICT_OFFICER' | 'VIEWER';
export const ROLES: readonly Role[] = ['ADMIN', 'SECRETARIAT', 'DEPARTMENT_OFFICER', 'DISTRICT_OFFICER', 'VIEWER'];

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  department: { code: string; nameVi: string; nameEn: string } | null;
  unit: { code: string; name: string } | null;
}

const USER_FIELDS = /* GraphQL */ `
  id
  email
  displayName
  role
  department { code nameVi nameEn }
  unit { code name }
`;

export const ME_QUERY = /* GraphQL */ `
  query Me {
    me { ${USER_FIELDS} }
  }
`;
export interface MeResult {
  me: SessionUser | null;
}

export const SIGN_IN_MUTATION = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      expiresAt
      user { ${USER_FIELDS} }
    }
  }
`;
export interface SignInVariables {
  email: string;
  password: string;
}
export interface SignInResult {
  signIn: { token: string; expiresAt: DateString; user: SessionUser };
}

export const SIGN_OUT_MUTATION = /* GraphQL */ `
  mutation SignOut {
    signOut
  }
`;
export interface SignOutResult {
  signOut: boolean;
}
