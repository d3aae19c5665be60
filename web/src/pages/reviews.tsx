import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { claimReview, decideReview, pendingReviews, type Decision, type Review } from '../api/reviews';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { LazyPlayer as Player } from '../player/lazyPlayer';

/** The exact renditions under review, played through the review's own short-lived preview grant. */
const Preview = ({ review }: { review: Review }) => {
  const preview = review.preview;
  if (preview === undefined || preview.sources.length === 0) return <p className="muted">No preview is available for this show yet.</p>;
  return <Player showId={review.showId} title={`Preview of ${review.showId}`} sources={preview.sources} {...(preview.cloudFront === undefined ? {} : { grantQuery: preview.cloudFront.query })} />;
};

const ReviewFacts = ({ review }: { review: Review }) => (
  <p className="muted">
    {typeof review.requestedAt === 'string' && `Waiting since ${new Date(review.requestedAt).toLocaleString()}`}
    {typeof review.escalation === 'string' && ` · escalated: ${review.escalation === 'TIMED_OUT' ? 'nobody decided in time' : 'the machine reviewer was unsure'}`}
    {typeof review.claimedBy === 'string' && ` · claimed by ${review.claimedBy}`}
  </p>
);

/**
 * One pending review. Its decision's confirmation is the page's to show: once recorded, the refreshed queue no longer
 * lists the show, and a message inside this item would vanish with it before the reviewer could read it.
 */
const ReviewItem = ({ review, onDecided }: { review: Review; onDecided: (showId: string, decision: string) => void }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const claim = useMutation({ mutationFn: () => claimReview(api, review.showId), onSuccess: () => setOpen(true) });
  const decide = useMutation({
    mutationFn: (decision: Decision) => decideReview(api, review.showId, decision),
    onSuccess: (recorded) => {
      onDecided(review.showId, recorded.decision);
      return queryClient.invalidateQueries({ queryKey: ['reviews'] });
    },
  });
  const reject = () => (reason.trim() === '' ? undefined : decide.mutate({ decision: 'reject', reason: reason.trim() }));
  // The queue carries ids, times and why a human must decide.
  const title = `Show ${review.showId}`;
  return (
    <li className="row review">
      <h2>{title}</h2>
      <ReviewFacts review={review} />
      <button type="button" onClick={() => claim.mutate()} disabled={claim.isPending || open}>
        {open ? 'Claimed' : `Claim ${title}`}
      </button>
      {open && <Preview review={review} />}
      <label>
        Reason (required to reject)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
      </label>
      <div className="actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate({ decision: 'approve', ...(reason.trim() === '' ? {} : { reason: reason.trim() }) })}>
          Approve
        </button>
        <button type="button" disabled={decide.isPending || reason.trim() === ''} onClick={reject}>
          Reject
        </button>
      </div>
      <ErrorMessage error={claim.error ?? decide.error} />
    </li>
  );
};

export const ReviewsPage = () => {
  const { api } = useApp();
  const reviews = useQuery({ queryKey: ['reviews'], queryFn: () => pendingReviews(api), refetchInterval: 10_000 });
  const [lastDecision, setLastDecision] = useState<{ showId: string; decision: string } | null>(null);
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">Reviews waiting for a decision</h1>
      <p role="status">{lastDecision !== null && `Decision recorded for show ${lastDecision.showId}: ${lastDecision.decision}.`}</p>
      {reviews.isPending && <Loading what="the review queue" />}
      <ErrorMessage error={reviews.error} />
      {reviews.data?.reviews.length === 0 && <Empty>Nothing is waiting for review.</Empty>}
      <ul className="rows" aria-label="Pending reviews">
        {reviews.data?.reviews.map((r) => (
          <ReviewItem key={r.showId} review={r} onDecided={(showId, decision) => setLastDecision({ showId, decision })} />
        ))}
      </ul>
    </section>
  );
};
