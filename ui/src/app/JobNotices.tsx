// The shell's notifications for background jobs that ended while the user was elsewhere.
import { Button, NotificationList, NotificationListItem, ResponsivePopover, Text } from '@ui5/webcomponents-react';
import { useCallback, useState } from 'react';
import { formatDateTime, useMountedWhileOpen } from '../components';
import type { AreaId } from './areas';
import type { TrackedJob } from './JobsContext';
import { dismissNotice, initialNotices, noticeLinkText, noticeOutcome, observeJobs, type JobNotice, type NoticeState } from './jobNotices';

/** Notices of jobs that ended while the user was not in `area`; observed as jobs and area change. */
export function useJobNotices(jobs: readonly TrackedJob[], area: AreaId) {
  const [observed, setObserved] = useState(() => ({ jobs, area, state: initialNotices(jobs) }));
  let state: NoticeState = observed.state;
  if (observed.jobs !== jobs || observed.area !== area) {
    // Adjusting state while rendering (React's pattern for state derived from changes).
    state = observeJobs(observed.state, jobs, area);
    setObserved({ jobs, area, state });
  }
  const dismiss = useCallback((jobId: string) => setObserved((o) => ({ ...o, state: dismissNotice(o.state, jobId) })), []);
  const clear = useCallback(() => setObserved((o) => ({ ...o, state: { ...o.state, notices: [] } })), []);
  return { notices: state.notices, dismiss, clear };
}

const STATE_OF: Record<JobNotice['state'], 'Positive' | 'Negative' | 'Critical'> = { succeeded: 'Positive', failed: 'Negative', cancelled: 'Critical' };

interface Props {
  opener: HTMLElement | null;
  notices: readonly JobNotice[];
  onFollow: (notice: JobNotice) => void;
  onDismiss: (jobId: string) => void;
  onClear: () => void;
  onClose: () => void;
}

/** The list under the shell's bell: each ended job with its outcome; a click opens its result. */
export function JobNoticesPopover({ opener, notices, onFollow, onDismiss, onClear, onClose }: Props) {
  const byId = (item: HTMLElement) => notices.find((n) => n.jobId === item.dataset.job);
  const open = opener !== null && notices.length > 0;
  const popup = useMountedWhileOpen(open, onClose);
  if (!popup.mounted) return null;
  return (
    <ResponsivePopover
      open={open}
      opener={opener ?? undefined}
      placement="Bottom"
      horizontalAlign="End"
      headerText="Finished jobs"
      accessibleName="Finished jobs"
      onClose={popup.onClose}
      className="ad-notices"
      data-testid="job-notices-popover"
      footer={
        <div className="ad-notices-footer">
          <Button design="Transparent" onClick={onClear} data-testid="job-notices-clear">
            Clear all
          </Button>
        </div>
      }
    >
      <NotificationList
        onItemClick={(e) => {
          const notice = byId(e.detail.item);
          if (notice) onFollow(notice);
        }}
        onItemClose={(e) => {
          const notice = byId(e.detail.item);
          if (notice) onDismiss(notice.jobId);
        }}
      >
        {notices.map((n) => (
          <NotificationListItem
            key={n.jobId}
            data-job={n.jobId}
            data-testid="job-notice"
            titleText={`${noticeOutcome(n)}: ${n.title}`}
            state={STATE_OF[n.state]}
            showClose
            wrappingType="Normal"
            footnotes={
              <>
                {n.finishedAt && <Text>{formatDateTime(n.finishedAt)}</Text>}
                <Text className="ad-notice-link">{noticeLinkText(n)}</Text>
              </>
            }
          >
            {n.error ?? (n.state === 'succeeded' ? 'Finished while you were in another area.' : 'Stopped before it finished.')}
          </NotificationListItem>
        ))}
      </NotificationList>
    </ResponsivePopover>
  );
}
