import type { OpenedComplaint } from './ComplaintNotice.tsx';

// The full form saves and then shows the survey's page; the complaint its save opened (deadline,
// assignee) is handed over here, said once there, then forgotten.
const pending = new Map<number, OpenedComplaint>();

export function handOverOpenedComplaint(surveyId: number, complaint: OpenedComplaint): void {
  pending.set(surveyId, complaint);
}

/** Read while the page first renders (React may render twice in development: both see it). */
export function openedComplaintOf(surveyId: number): OpenedComplaint | null {
  return pending.get(surveyId) ?? null;
}

/** Once shown: coming back to the page later does not say it again. */
export function forgetOpenedComplaint(surveyId: number): void {
  pending.delete(surveyId);
}
