// When a published list gives a round's year but no decision date, its batch text often says when
// the certificates were handed over ("trao GCN 22/4/2021"): the decision existed by that day.
import { parseIsoDate, type IsoDate } from '../dates.js';

const HANDOVER = /trao\s+(?:GCN|giấy chứng nhận)\s+(?:ngày\s+)?(\d{1,2})\/(\d{1,2})\/(\d{4})/iu;

/** The hand-over day a batch text names (D/M/YYYY), or null when it names none or an unreal day. */
export function handoverBound(batch: string | null): IsoDate | null {
  const m = HANDOVER.exec(batch ?? '');
  if (!m) return null;
  try {
    return parseIsoDate(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  } catch {
    return null;
  }
}
