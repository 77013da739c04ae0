// `cli create-admin --email a@b.vn [--password …]`: creates the first ADMIN (password from
// --password, else OCOP_ADMIN_PASSWORD, else a prompt). Audited like any other write.
import { createInterface } from 'node:readline/promises';
import type { MikroORM } from '@mikro-orm/core';
import { createContext } from '../graphql/context.js';
import { runWrite } from '../modules/audit/run-write.js';
import { checkPasswordPolicy, hashPassword } from '../modules/auth/passwords.js';
import { normalizeEmail, userSnapshot } from '../modules/users/user-binding.js';
import { User } from '../modules/users/user.entity.js';

async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function createAdmin(
  orm: MikroORM,
  args: string[],
  envPassword: string | undefined,
): Promise<number> {
  const rawEmail = option(args, '--email');
  if (!rawEmail) {
    console.error(
      'usage: cli create-admin --email <email> [--password <password>]  (or OCOP_ADMIN_PASSWORD, or a prompt)',
    );
    return 2;
  }
  const password =
    option(args, '--password') ?? envPassword ?? (await prompt('Password for the new admin: '));
  const ctx = createContext(orm, { requestId: 'cli:create-admin' });
  try {
    const email = normalizeEmail('email', rawEmail);
    checkPasswordPolicy('password', password);
    const user = await runWrite(
      ctx,
      { action: 'createAdmin', recordType: 'User', actor: null },
      async (tx) => {
        if (await tx.count(User, { email }))
          throw new Error(`A user with email ${email} already exists.`);
        const created = tx.create(User, {
          email,
          displayName: email,
          role: 'admin',
          department: null,
          unit: null,
          passwordHash: await hashPassword(password),
          active: true,
        });
        return {
          result: created,
          audit: () => ({ recordId: created.id, after: userSnapshot(created) }),
        };
      },
    );
    console.log(`created admin ${user.email} (id ${user.id})`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}
