import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { IMPORT_PROGRESS_POLL_MS, useImportProgress } from './useImportProgress';

function progressResponse(fileName: string, done: number, finishedAt: string | null = null) {
  return new Response(
    JSON.stringify({ data: { lastImportProgress: { fileName, done, total: 400, finishedAt } } }),
    {
      headers: { 'content-type': 'application/json' },
    },
  );
}

function mountWithProgress() {
  let api!: ReturnType<typeof useImportProgress>;
  mount(
    defineComponent({
      setup() {
        api = useImportProgress();
        return () => h('div');
      },
    }),
  );
  return api;
}

describe('useImportProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('polls the API while a file is written and shows only that file’s unfinished run', async () => {
    vi.useFakeTimers();
    const answers = [
      progressResponse('other.csv', 50),
      progressResponse('qd.csv', 120),
      progressResponse('qd.csv', 400, '2026-01-01T00:00:00Z'),
    ];
    const fetchStub = vi.fn(async () => answers.shift()!);
    vi.stubGlobal('fetch', fetchStub);
    const writing = mountWithProgress();

    writing.start('qd.csv');
    await vi.advanceTimersByTimeAsync(IMPORT_PROGRESS_POLL_MS);
    await flushPromises();
    expect(writing.progress.value).toBeNull(); // another file's import is not ours

    await vi.advanceTimersByTimeAsync(IMPORT_PROGRESS_POLL_MS);
    await flushPromises();
    expect(writing.progress.value).toMatchObject({ fileName: 'qd.csv', done: 120, total: 400 });

    await vi.advanceTimersByTimeAsync(IMPORT_PROGRESS_POLL_MS);
    await flushPromises();
    expect(writing.progress.value?.done).toBe(120); // a finished run is not shown as running

    writing.stop();
    expect(writing.progress.value).toBeNull();
    const callsAtStop = fetchStub.mock.calls.length;
    await vi.advanceTimersByTimeAsync(IMPORT_PROGRESS_POLL_MS * 3);
    expect(fetchStub.mock.calls.length).toBe(callsAtStop);
  });
});
