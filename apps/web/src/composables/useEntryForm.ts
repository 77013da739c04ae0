import { computed, ref, shallowRef } from 'vue';
import { RequestError } from '../graphql/client';
import { useLocale } from './useLocale';

/**
 * The API names the blamed input as `extensions.field`, relative to the mutation's input
 * ("name", "input.parts[0].score", "parts.A"…). Normalise to the form's own names: no "input."
 * prefix, dots for indices, and a part's code (extensions.part) for scorecard parts.
 */
export function normaliseField(field: string, extensions: Record<string, unknown> = {}): string {
  let name = field.replace(/^input\./, '').replace(/\[(\w+)\]/g, '.$1');
  if (/^parts(\.|$)/.test(name) && typeof extensions.part === 'string')
    name = `parts.${extensions.part.toUpperCase()}`;
  return name.replace(/\.score$/, '');
}

/**
 * A fresh idempotency key: 128 random bits in hex. `crypto.getRandomValues` also works on a page
 * served over plain http (an office network), where `crypto.randomUUID` is not available.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Submit state of one data-entry form: loading, success, the API's error placed next to the field
 * it names (or at the top when no field of this form matches), and VERSION_CONFLICT's current values.
 * The form's own refs keep what the user typed: nothing here clears input on error.
 */
export function useEntryForm(fields: readonly string[]) {
  const { locale, t } = useLocale();
  const submitting = ref(false);
  const error = shallowRef<RequestError | null>(null);
  /** Client-side checks made before sending (required fields, limits), by field name. */
  const localErrors = ref<Record<string, string>>({});
  const succeeded = ref(false);
  /**
   * The idempotency key of the input last sent. Saving the same input again (a retry after a
   * network error or a 429, a second click) sends the same key, so the API returns the first
   * write's result instead of storing it twice (an activity has no natural key to catch that);
   * another input gets a new key, and so does the next record after clearStatus ("record another").
   */
  let sent: { input: string; key: string } | null = null;

  function idempotencyKeyFor(input: unknown): string {
    const text = JSON.stringify(input);
    if (sent?.input !== text) sent = { input: text, key: newIdempotencyKey() };
    return sent.key;
  }

  const apiField = computed(() => {
    const e = error.value;
    if (!e?.field) return null;
    const name = normaliseField(e.field, e.extensions);
    return fields.find((f) => name === f || name.startsWith(`${f}.`)) ?? null;
  });

  const apiMessage = computed(() => {
    const e = error.value;
    if (!e) return '';
    if (e.kind === 'network') return t('entry.errorNetwork');
    if (e.kind === 'http')
      return e.status === 429
        ? t('common.errorRateLimited')
        : t('common.errorHttp', { status: e.status ?? '?' });
    return e.messageFor(locale.value);
  });

  function fieldError(name: string): string | undefined {
    if (localErrors.value[name]) return localErrors.value[name];
    return apiField.value === name ? apiMessage.value : undefined;
  }

  /** The message shown at the top: errors no field of the form claims, or a pointer to the marked fields. */
  const formError = computed(() => {
    if (error.value && !apiField.value && error.value.code !== 'VERSION_CONFLICT')
      return apiMessage.value;
    if (error.value || Object.keys(localErrors.value).length > 0) return t('entry.fixErrors');
    return '';
  });

  const conflict = computed<Record<string, unknown> | null>(() => {
    const e = error.value;
    if (e?.code !== 'VERSION_CONFLICT') return null;
    const current = e.extensions.current;
    return current !== null && typeof current === 'object'
      ? (current as Record<string, unknown>)
      : {};
  });

  /** Runs the mutation unless `check` found errors; returns its result, or null on failure. */
  async function submit<T>(
    run: () => Promise<T>,
    check: () => Record<string, string> = () => ({}),
  ): Promise<T | null> {
    succeeded.value = false;
    error.value = null;
    localErrors.value = check();
    if (Object.keys(localErrors.value).length > 0) return null;
    submitting.value = true;
    try {
      const result = await run();
      succeeded.value = true;
      return result;
    } catch (cause) {
      error.value =
        cause instanceof RequestError ? cause : new RequestError('network', String(cause));
      return null;
    } finally {
      submitting.value = false;
    }
  }

  function clearStatus(): void {
    sent = null;
    succeeded.value = false;
    error.value = null;
    localErrors.value = {};
  }

  return {
    submitting,
    error,
    succeeded,
    fieldError,
    formError,
    conflict,
    submit,
    clearStatus,
    idempotencyKeyFor,
  };
}

export type EntryFormState = ReturnType<typeof useEntryForm>;
