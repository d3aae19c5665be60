import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getShow, type Show } from '../api/catalog';
import { likeShow, rateShow } from '../api/engagement';
import { playbackGrant } from '../api/premium';
import { useApp } from '../app';
import { ErrorMessage, Loading } from '../components/status';
import { LazyPlayer as Player } from '../player/lazyPlayer';

const Engagement = ({ show }: { show: Show }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [stars, setStars] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['show', show.showId] });
  // The count is a projection that catches up within moments: count a new like at once rather than show the old number.
  const like = useMutation({
    mutationFn: () => likeShow(api, show.showId),
    onSuccess: (liked) => liked.counted && queryClient.setQueryData<Show>(['show', show.showId], (s) => (s === undefined ? s : { ...s, likeCount: s.likeCount + 1 })),
  });
  const rate = useMutation({ mutationFn: (n: number) => rateShow(api, show.showId, n), onSuccess: refresh });
  return (
    <div className="engagement">
      <button type="button" onClick={() => like.mutate()} disabled={like.isPending} aria-pressed={like.isSuccess}>
        {like.isSuccess ? 'Liked' : 'Like'}
      </button>
      <fieldset className="stars">
        <legend>Your rating</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} />
            {n} {n === 1 ? 'star' : 'stars'}
          </label>
        ))}
        <button type="button" disabled={stars === 0 || rate.isPending} onClick={() => rate.mutate(stars)}>
          Rate
        </button>
      </fieldset>
      {rate.isSuccess && <p role="status">Thanks: you rated it {rate.data.stars} of 5.</p>}
      <ErrorMessage error={like.error ?? rate.error} />
    </div>
  );
};

const Watch = ({ show }: { show: Show }) => {
  const { api } = useApp();
  const grant = useMutation({ mutationFn: () => playbackGrant(api, show.showId) });
  if (grant.data !== undefined) return <Player showId={show.showId} title={show.title} sources={grant.data.sources} {...(grant.data.cloudFront === undefined ? {} : { grantQuery: grant.data.cloudFront.query })} />;
  return (
    <div className="watch">
      <button type="button" className="primary" onClick={() => grant.mutate()} disabled={grant.isPending}>
        {grant.isPending ? 'Opening…' : 'Watch'}
      </button>
      <ErrorMessage error={grant.error} />
      {show.premium && grant.isError && (
        <p>
          This is a premium show: <Link to="/premium">get premium</Link>, then come back.
        </p>
      )}
    </div>
  );
};

const Details = ({ show }: { show: Show }) => (
  <dl className="facts">
    <dt>Genre</dt>
    <dd>{show.genre}</dd>
    <dt>Language</dt>
    <dd>{show.language}</dd>
    <dt>Likes</dt>
    <dd data-testid="likes">{show.likeCount}</dd>
    <dt>Rating</dt>
    <dd data-testid="rating">{show.averageRating === null ? 'not rated yet' : `${show.averageRating.toFixed(1)} of 5 (${show.ratingCount} ratings)`}</dd>
    {show.premium && (
      <>
        <dt>Access</dt>
        <dd>Premium</dd>
      </>
    )}
  </dl>
);

export const ShowPage = () => {
  const { showId = '' } = useParams();
  const { api, session } = useApp();
  // Likes and ratings are projections: refreshed now and then, so others' (and a new rating's average) show up.
  const show = useQuery({ queryKey: ['show', showId], queryFn: () => getShow(api, showId), refetchInterval: 5000 });
  if (show.isPending) return <Loading what="the show" />;
  if (show.isError) return <ErrorMessage error={show.error} />;
  const s = show.data;
  return (
    <article aria-labelledby="show-title" className="show">
      <h1 id="show-title">{s.title}</h1>
      {s.thumbnailUrls[0] !== undefined && <img className="poster large" src={s.thumbnailUrls[0]} alt={`Poster of ${s.title}`} />}
      <p>{s.description}</p>
      <Details show={s} />
      {session === null ? (
        <p>
          <Link to="/sign-in">Sign in</Link> to watch, like and rate this show.
        </p>
      ) : (
        <>
          <Watch show={s} />
          <Engagement show={s} />
        </>
      )}
    </article>
  );
};
