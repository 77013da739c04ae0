// signIn / signOut / changePassword. The credential checks, throttle and sessions live in
// auth.service.ts.
import { builder } from '../../graphql/builder.js';
import { User } from '../users/user.graphql.js';
import { changePassword, signIn, signOut, type SignInShape } from './auth.service.js';

const SignInPayload = builder.objectRef<SignInShape>('SignInPayload');
SignInPayload.implement({
  description:
    'A new session. Send `Authorization: Bearer <token>` on every request; the token is shown only once.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Opaque bearer token.' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When the session ends (12 h by default).',
      resolve: (s) => s.expiresAt,
    }),
    user: t.field({ type: User, description: 'Who signed in.', resolve: (s) => s.user }),
  }),
});

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInPayload,
    description:
      'Signs in. Errors: INVALID_CREDENTIALS (unknown email or wrong password, indistinguishable), TOO_MANY_ATTEMPTS.',
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(ctx, args.email, args.password),
  }),
  signOut: t.boolean({
    description: 'Revokes the current session token.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => signOut(ctx),
  }),
  changePassword: t.boolean({
    description:
      'Changes your password and revokes ALL your sessions (sign in again). Wrong current password: INVALID_CREDENTIALS (throttled like signIn).',
    args: {
      currentPassword: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    authScopes: { signedIn: true },
    resolve: (_root, args, ctx) => changePassword(ctx, args.currentPassword, args.newPassword),
  }),
}));
