import type { TFunction } from 'i18next';
import type { AppFailure } from '../../../../shared/errors.ts';
import { fieldIssuesOf } from '../../../../shared/error-details.ts';
import { errorMessage } from '../../app/errors.ts';
import { issueMessage } from '../../app/validation.ts';

/** What a refused tag change means for the screen that asked for it. */
export type TagProblem = {
  message: string;
  /** Another tag has this name: the rename can merge into it instead. */
  taken: boolean;
  /** The list no longer matches the data (stale version, tag gone): reload it. */
  reload: boolean;
};

/** A refused tags.* call in the user's language; `name`: the name that was asked for, if any. */
export function tagProblem(t: TFunction, error: AppFailure, name = ''): TagProblem {
  const nameIssue = fieldIssuesOf(error).find((issue) => issue.path[0] === 'name');
  if (error.code === 'CONFLICT' && nameIssue) {
    const lookAlike = nameIssue.message === 'takenLookAlike';
    return { message: t(lookAlike ? 'tags.errors.takenLookAlike' : 'tags.errors.taken', { name }), taken: true, reload: false };
  }
  if (error.code === 'CONFLICT') return { message: t('tags.errors.stale'), taken: false, reload: true };
  if (error.code === 'NOT_FOUND') return { message: t('tags.errors.gone'), taken: false, reload: true };
  if (error.code === 'VALIDATION' && nameIssue) return { message: issueMessage(t, nameIssue), taken: false, reload: false };
  return { message: errorMessage(t, error), taken: false, reload: false };
}
