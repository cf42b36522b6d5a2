/**
 * The notices a district shows today (district page, widget, API), and how long such an answer
 * may be kept by caches.
 *
 * Caching: an answer is otherwise the same until the data changes (a new snapshot, a new data
 * version, new ETags). A dated notice changes the answer at a Berlin midnight without a new
 * snapshot. So validity is evaluated per request against the Berlin day, and
 * - the server's answer cache (middleware/answer-cache.ts) keys its contents by data version AND
 *   Berlin day, so it starts empty each day;
 * - an answer whose notices change on a later day (`nextChange`) gets NOTICE_CACHE_CONTROL: one
 *   minute in browsers and shared caches, no stale-while-revalidate, so no cache shows a notice
 *   more than a minute past its last day or hides one more than a minute after its first. Answers
 *   without a pending date keep the long PUBLIC_CACHE_CONTROL. The ETag is a hash of the body,
 *   so the next day's answer has a new one by itself.
 */
import { applicableNotices, berlinDay, type Notice } from '../domain/notices';
import type { DistrictView, Portal } from './portal';

export { berlinDay };
export type { Notice };

/** Cache-Control of an answer whose notices change at a coming midnight (see above). */
export const NOTICE_CACHE_CONTROL = 'public, max-age=60, s-maxage=60, must-revalidate';

export interface DistrictNotices {
  /** The Berlin day they were chosen for. */
  day: string;
  notices: Notice[];
  /** Cache-Control to set on the answer, or null: the usual one applies. */
  cacheControl: string | null;
}

/** The notices `view`'s district shows on the Berlin day of `now`. */
export function districtNotices(portal: Portal, view: DistrictView, now: Date = new Date()): DistrictNotices {
  const day = berlinDay(now);
  const { notices, nextChange } = applicableNotices(
    portal.notices,
    { directorateId: view.inspection.directorateId, inspectionId: view.district.inspectionId, stationId: view.district.stationId },
    day,
  );
  return { day, notices, cacheControl: nextChange ? NOTICE_CACHE_CONTROL : null };
}
