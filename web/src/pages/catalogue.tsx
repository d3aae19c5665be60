import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listShows, type CatalogFilters, type ShowSummary } from '../api/catalog';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';

const ShowCard = ({ show }: { show: ShowSummary }) => (
  <li className="card">
    <Link to={`/shows/${show.showId}`}>
      {show.thumbnailUrls[0] === undefined ? <div className="poster placeholder" aria-hidden="true" /> : <img className="poster" src={show.thumbnailUrls[0]} alt="" />}
      <span className="title">{show.title}</span>
    </Link>
    <span className="muted">
      {show.genre} · {show.language}
      {show.premium && ' · Premium'}
    </span>
  </li>
);

const Filters = ({ filters, onApply }: { filters: CatalogFilters; onApply: (f: CatalogFilters) => void }) => {
  const [draft, setDraft] = useState(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const field = (name: 'q' | 'genre' | 'language', label: string, placeholder: string) => (
    <label>
      {label}
      <input type={name === 'q' ? 'search' : 'text'} name={name} placeholder={placeholder} value={draft[name] ?? ''} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </label>
  );
  return (
    <form role="search" aria-label="Filter the catalogue" className="filters" onSubmit={submit}>
      {field('q', 'Search', 'Words of the title or description')}
      {field('genre', 'Genre', 'e.g. documentary')}
      {field('language', 'Language', 'e.g. en')}
      <button type="submit">Apply filters</button>
    </form>
  );
};

const filtersOf = (params: URLSearchParams): CatalogFilters => {
  const get = (name: string) => params.get(name) ?? undefined;
  return { q: get('q'), genre: get('genre'), language: get('language'), cursor: get('cursor') };
};

export const CataloguePage = () => {
  const { api } = useApp();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  // The cursors of the pages before this one, so "Previous page" can go back.
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const shows = useQuery({ queryKey: ['shows', filters], queryFn: () => listShows(api, filters) });
  const nextCursor = shows.data?.nextCursor;
  const go = (next: CatalogFilters) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>);
  const apply = (next: CatalogFilters) => {
    setPrevious([]);
    go({ ...next, cursor: undefined });
  };
  const nextPage = (cursor: string) => {
    setPrevious([...previous, filters.cursor]);
    go({ ...filters, cursor });
  };
  const previousPage = () => {
    setPrevious(previous.slice(0, -1));
    go({ ...filters, cursor: previous.at(-1) });
  };
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">Catalogue</h1>
      <Filters key={params.toString()} filters={filters} onApply={apply} />
      {shows.isPending && <Loading what="shows" />}
      <ErrorMessage error={shows.error} />
      {shows.data?.items.length === 0 && <Empty>No show matches these filters yet.</Empty>}
      {shows.data !== undefined && shows.data.items.length > 0 && (
        <ul className="grid" aria-label="Shows">
          {shows.data.items.map((show) => (
            <ShowCard key={show.showId} show={show} />
          ))}
        </ul>
      )}
      <div className="pager">
        {previous.length > 0 && (
          <button type="button" onClick={previousPage}>
            Previous page
          </button>
        )}
        {typeof nextCursor === 'string' && (
          <button type="button" onClick={() => nextPage(nextCursor)}>
            Next page
          </button>
        )}
      </div>
    </section>
  );
};
