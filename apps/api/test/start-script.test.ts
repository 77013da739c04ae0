// scripts/start-api.sh (`pnpm demo`, `pnpm --filter @ocop/api start`) starts the built API with the
// main thread's heap limit the README recommends, unless NODE_OPTIONS sets one, and with two malloc
// arenas unless MALLOC_ARENA_MAX says otherwise. A stand-in `node` first on PATH prints what the
// script would run it with.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/start-api.sh', import.meta.url));
const bin = mkdtempSync(join(tmpdir(), 'ocop-start-api-'));
writeFileSync(
  join(bin, 'node'),
  '#!/bin/sh\nprintf "%s\\n" "$MALLOC_ARENA_MAX" "$NODE_OPTIONS" "$@"\n',
  {
    mode: 0o755,
  },
);

/** What the stand-in printed: MALLOC_ARENA_MAX, then NODE_OPTIONS, then node's arguments. */
function started(env: Record<string, string>, args: string[] = []): string[] {
  return execFileSync('bash', [script, ...args], {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
    encoding: 'utf8',
  })
    .trimEnd()
    .split('\n');
}

/** node's NODE_OPTIONS and arguments as the script starts it. */
function run(nodeOptions: string | undefined, args: string[] = []): string[] {
  return started(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }, args).slice(1);
}

describe('scripts/start-api.sh', () => {
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('runs dist/main.js with a 256 MB old-space limit and passes its arguments on', () => {
    const [options, main, ...args] = run(undefined, ['--seed']);
    expect(options).toBe('--max-old-space-size=256');
    expect(main).toMatch(/\/scripts\/\.\.\/apps\/api\/dist\/main\.js$/);
    expect(args).toEqual(['--seed']);
  });

  it('keeps other NODE_OPTIONS and adds the limit after them', () => {
    expect(run('--enable-source-maps')[0]).toBe('--enable-source-maps --max-old-space-size=256');
  });

  it('leaves a limit set in NODE_OPTIONS as it is', () => {
    expect(run('--max-old-space-size=512')[0]).toBe('--max-old-space-size=512');
    expect(run('--trace-gc --max_old_space_size=1024')[0]).toBe(
      '--trace-gc --max_old_space_size=1024',
    );
  });

  it('limits glibc to two malloc arenas unless MALLOC_ARENA_MAX is set', () => {
    expect(started({})[0]).toBe('2');
    expect(started({ MALLOC_ARENA_MAX: '4' })[0]).toBe('4');
  });
});
