import { Button } from '@mui/material';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import ReplayIcon from '@mui/icons-material/Replay';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SETTABLE_VISIT_STATUSES, Visit } from '../../../../shared/api/visits.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call } from '../../app/query.ts';
import { reloadAll } from './use-visit-changes.ts';

type Settable = (typeof SETTABLE_VISIT_STATUSES)[number];

/** Postpone, cancel, or back to planned: the statuses set by hand ('done' only comes from completing). */
export function VisitStatusButtons({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (v.status === 'done' || v.deletedAt !== null) return null;

  const set = async (status: Settable) => {
    setBusy(true);
    try {
      await call('visits.setStatus', { id: v.id, version: v.version, status });
      await reloadAll();
      notify({ message: t('visitDetail.statusChanged', { name: v.customerName, status: t(`visit.statuses.${status}`) }) });
    } catch (caught) {
      const error = caught as AppFailure; // call() throws the core's error value
      await reloadAll();
      notify({ message: error.code === 'CONFLICT' ? t('visits.stale') : errorMessage(t, error), severity: 'warning' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {v.status === 'planned' ? (
        <Button variant="outlined" color="warning" startIcon={<ScheduleIcon />} disabled={busy} onClick={() => void set('postponed')}>
          {t('visitDetail.postpone')}
        </Button>
      ) : (
        <Button variant="outlined" startIcon={<ReplayIcon />} disabled={busy} onClick={() => void set('planned')}>
          {t('visitDetail.replan')}
        </Button>
      )}
      {v.status !== 'cancelled' ? (
        <Button variant="outlined" color="inherit" startIcon={<EventBusyIcon />} disabled={busy} onClick={() => void set('cancelled')}>
          {t('visitDetail.cancelVisit')}
        </Button>
      ) : null}
    </>
  );
}
