import { computed } from 'vue';
import { useSession } from './useSession';

/** The signed-in district officer's unit (they register in it only); null for other roles. */
export function useOwnUnit() {
  const session = useSession();
  return computed(() =>
    session.role.value === 'DISTRICT_OFFICER' ? (session.user.value?.unit ?? null) : null,
  );
}
