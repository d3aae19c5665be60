import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { completedByCountry, sessionTotals, topPlayers, topStartedCountry, type CountryCounts } from '../api/insights';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';
import './insights.css';

/** The counters move as sessions are projected: the page follows them while it is open. */
const refetchInterval = 10_000;
const numberFormat = new Intl.NumberFormat('en');

const Totals = () => {
  const { api } = useApp();
  const totals = useQuery({ queryKey: ['insights', 'totals'], queryFn: () => sessionTotals(api), refetchInterval });
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">How many sessions</h2>
      {totals.isPending && <Loading what="the session counts" />}
      <ErrorMessage error={totals.error} />
      {totals.data !== undefined && (
        <dl className="facts" data-testid="totals">
          <dt>Sessions</dt>
          <dd data-testid="sessions">{numberFormat.format(totals.data.sessions)}</dd>
          <dt>Started</dt>
          <dd data-testid="started">{numberFormat.format(totals.data.started)}</dd>
          <dt>Completed</dt>
          <dd data-testid="completed">{numberFormat.format(totals.data.completed)}</dd>
        </dl>
      )}
    </section>
  );
};

type Row = { readonly key: string; readonly label: string; readonly completed: number };

const RankTable = ({ caption, heading, rows, keyClass }: { caption: string; heading: string; rows: readonly Row[]; keyClass?: string }) => (
  <table>
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col" className="number">
          Rank
        </th>
        <th scope="col">{heading}</th>
        <th scope="col" className="number">
          Completed sessions
        </th>
      </tr>
    </thead>
    <tbody>
      {rows.map((row, i) => (
        <tr key={row.key}>
          <td className="number">{i + 1}</td>
          <th scope="row" className={keyClass}>
            {row.label}
          </th>
          <td className="number">{numberFormat.format(row.completed)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const TopCountries = () => {
  const { api } = useApp();
  const top = useQuery({ queryKey: ['insights', 'countries', 10], queryFn: () => completedByCountry(api, 10), refetchInterval });
  return (
    <section aria-labelledby="top-countries-title">
      <h2 id="top-countries-title">Top 10 countries</h2>
      {top.isPending && <Loading what="the top countries" />}
      <ErrorMessage error={top.error} />
      {top.data?.count === 0 && <Empty>No session has completed yet.</Empty>}
      {top.data !== undefined && top.data.count > 0 && (
        <RankTable caption="Countries with the most completed sessions" heading="Country" rows={top.data.items.map((c) => ({ key: c.country, label: c.country, completed: c.completed }))} />
      )}
    </section>
  );
};

const TopPlayers = () => {
  const { api } = useApp();
  const top = useQuery({ queryKey: ['insights', 'players', 10], queryFn: () => topPlayers(api, 10), refetchInterval });
  return (
    <section aria-labelledby="top-players-title">
      <h2 id="top-players-title">Top 10 players</h2>
      {top.isPending && <Loading what="the top players" />}
      <ErrorMessage error={top.error} />
      {top.data?.count === 0 && <Empty>No session has completed yet.</Empty>}
      {top.data !== undefined && top.data.count > 0 && (
        <RankTable caption="Players with the most completed sessions" heading="Player" keyClass="player" rows={top.data.items.map((p) => ({ key: p.player_id, label: p.player_id, completed: p.completed }))} />
      )}
    </section>
  );
};

const TopCountryOfYear = () => {
  const { api } = useApp();
  const [draft, setDraft] = useState(String(new Date().getUTCFullYear()));
  const [year, setYear] = useState(Number(draft));
  const top = useQuery({ queryKey: ['insights', 'year', year], queryFn: () => topStartedCountry(api, year), refetchInterval });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setYear(Number(draft));
  };
  return (
    <section aria-labelledby="year-title">
      <h2 id="year-title">Where most sessions started in a year</h2>
      <form className="year-form" onSubmit={submit}>
        <label>
          Year
          <input type="number" inputMode="numeric" min={1970} max={9999} required value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Show the country</button>
      </form>
      {top.isPending && <Loading what={`the sessions of ${year}`} />}
      <ErrorMessage error={top.error} />
      {top.data !== undefined && (
        <p role="status" data-testid="top-country">
          {top.data.country === null
            ? `No session started in ${top.data.year}.`
            : `In ${top.data.year}, most sessions started in ${top.data.country}: ${numberFormat.format(top.data.started)}.`}
        </p>
      )}
    </section>
  );
};

/**
 * Completed sessions per country as a bar plot. Plain HTML bars, not a chart library: this is a sorted bar list (at
 * most ~250 rows, no time axis), which a list of labelled rows shows and reads out best; each row's text carries its
 * value, the bar beside it is decoration, and the list is a figure with a caption.
 */
const CountryBars = ({ data }: { data: CountryCounts }) => {
  const max = Math.max(1, ...data.items.map((c) => c.completed));
  return (
    <figure>
      <figcaption id="bars-caption">Completed sessions per country, most first</figcaption>
      <ul className="bars" aria-labelledby="bars-caption">
        {data.items.map((c) => (
          <li key={c.country} data-testid="country-bar">
            <span>{c.country}</span>
            <span className="track" aria-hidden="true">
              <span className="bar" style={{ display: 'block', width: `${(100 * c.completed) / max}%` }} />
            </span>
            <span className="value">
              {numberFormat.format(c.completed)}
              <span className="visually-hidden"> completed sessions</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
};

const CompletedPerCountry = () => {
  const { api } = useApp();
  const all = useQuery({ queryKey: ['insights', 'countries', 'all'], queryFn: () => completedByCountry(api), refetchInterval });
  return (
    <section aria-labelledby="bars-title">
      <h2 id="bars-title">Completed sessions per country</h2>
      {all.isPending && <Loading what="the completed sessions per country" />}
      <ErrorMessage error={all.error} />
      {all.data?.count === 0 && <Empty>No session has completed yet.</Empty>}
      {all.data !== undefined && all.data.count > 0 && <CountryBars data={all.data} />}
    </section>
  );
};

/** The sessions design's questions, answered by the insight routes (operators and admins). */
export const InsightsPage = () => (
  <section className="insights" aria-labelledby="insights-title">
    <h1 id="insights-title">Sessions insights</h1>
    <div className="insights-grid">
      <Totals />
      <TopCountryOfYear />
      <TopCountries />
      <TopPlayers />
    </div>
    <CompletedPerCountry />
  </section>
);
