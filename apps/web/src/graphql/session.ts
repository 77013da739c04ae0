import { graphql, type ResultOf, type SchemaEnum } from './tada';

/** Roles of the write side (the Role enum of apps/api/schema.graphql). */
export type Role = SchemaEnum<'Role'>;
export const ROLES: readonly Role[] = [
  'ADMIN',
  'SECRETARIAT',
  'DEPARTMENT_OFFICER',
  'DISTRICT_OFFICER',
  'VIEWER',
];

export const SESSION_USER_FRAGMENT = graphql(`
  fragment SessionUserFields on User {
    id
    email
    displayName
    role
    department {
      code
      nameVi
      nameEn
    }
    unit {
      code
      name
    }
  }
`);
export type SessionUser = ResultOf<typeof SESSION_USER_FRAGMENT>;

export const ME_QUERY = graphql(
  `
    query Me {
      me {
        ...SessionUserFields
      }
    }
  `,
  [SESSION_USER_FRAGMENT],
);

export const SIGN_IN_MUTATION = graphql(
  `
    mutation SignIn($email: String!, $password: String!) {
      signIn(email: $email, password: $password) {
        token
        expiresAt
        user {
          ...SessionUserFields
        }
      }
    }
  `,
  [SESSION_USER_FRAGMENT],
);

export const SIGN_OUT_MUTATION = graphql(`
  mutation SignOut {
    signOut
  }
`);
