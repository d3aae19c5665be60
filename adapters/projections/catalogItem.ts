import { catalogEntrySchema, isListed, type CatalogEntry } from '../../domain/catalog';
import { creatorAttribute, creatorSortAttribute, listingAttribute, needsHandAttribute, needsHandSortAttribute } from './catalogTables';

/** Keys of one generation of the read model: a rebuild writes generation n+1 beside the live n. */
export const entryKey = (generation: number, showId: string) => ({ pk: `g${generation}#show#${showId}` });

const normalised = (value: string) => value.trim().toLowerCase();

/** The listing partitions of a generation; genre and language match case-insensitively. */
export const listingKey = {
  all: (generation: number) => `g${generation}#published`,
  genre: (generation: number, genre: string) => `g${generation}#genre#${normalised(genre)}`,
  language: (generation: number, language: string) => `g${generation}#lang#${normalised(language)}`,
  genreLanguage: (generation: number, genre: string, language: string) => `g${generation}#genre#${normalised(genre)}#lang#${normalised(language)}`,
};

/** A creator's shows in a generation: the partition of the creator index. */
export const creatorKey = (generation: number, creatorId: string) => `g${generation}#creator#${creatorId}`;

/** Words of title and description, lower-cased and deduplicated: what `q` is matched against. */
export const searchTextOf = (entry: Pick<CatalogEntry, 'title' | 'description'>): string =>
  ` ${[...new Set(`${entry.title} ${entry.description}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].join(' ')} `;

/** A deleted show leaves its creator's list too; every other one stays there, newest draft first. */
const creatorListing = (generation: number, entry: CatalogEntry) =>
  entry.status === 'deleted' ? {} : { [creatorAttribute]: creatorKey(generation, entry.creatorId), [creatorSortAttribute]: `${entry.draftedAt}#${entry.showId}` };

/** The partition of the index of shows that need a hand, in a generation. */
export const needsHandKey = (generation: number) => `g${generation}#needsHand`;

/** Whether an admin should look at the show: a stage failed (a stranded run included, once recorded) or a reviewer said no. */
export const needsHand = (entry: Pick<CatalogEntry, 'status'>): boolean => entry.status === 'failed' || entry.status === 'rejected';

const needsHandListing = (generation: number, entry: CatalogEntry) =>
  needsHand(entry) ? { [needsHandAttribute]: needsHandKey(generation), [needsHandSortAttribute]: `${entry.updatedAt}#${entry.showId}` } : {};

/**
 * The stored item of an entry. Only published public entries carry listing attributes (sparse indexes), so a
 * withdrawal, a deletion or a switch to unlisted, written as a whole-item Put, removes the show from every listing
 * at once.
 */
export const toCatalogItem = (generation: number, entry: CatalogEntry): Record<string, unknown> => {
  const listed =
    isListed(entry) && entry.publishedAt !== null
      ? {
          [listingAttribute.all]: listingKey.all(generation),
          [listingAttribute.genre]: listingKey.genre(generation, entry.genre),
          [listingAttribute.language]: listingKey.language(generation, entry.language),
          [listingAttribute.genreLanguage]: listingKey.genreLanguage(generation, entry.genre, entry.language),
          listedAt: `${entry.publishedAt}#${entry.showId}`,
          searchText: searchTextOf(entry),
        }
      : {};
  return { ...entryKey(generation, entry.showId), ...entry, ...listed, ...creatorListing(generation, entry), ...needsHandListing(generation, entry) };
};

const entryFields = Object.keys(catalogEntrySchema.shape);

const legacyStatus: Record<string, CatalogEntry['status']> = { private: 'drafted', published: 'published', withdrawn: 'withdrawn' };

/**
 * An entry written before `status` existed had `visibility` private/published/withdrawn (its lifecycle): read as
 * that status, public, with no stage. Approximate (a private one may have been processing) until the catalogue is
 * rebuilt (`npm run rebuild -- catalog`), which also puts old shows in their creators' lists.
 */
const upcastLegacy = (item: Record<string, unknown>): Record<string, unknown> =>
  item.status !== undefined
    ? item
    : { ...item, status: legacyStatus[String(item.visibility)] ?? 'drafted', visibility: 'public', stage: null, problem: null, transcodeId: null };

/** Parses what DynamoDB returned, keys and listing attributes left out: a bad item fails here, loudly. */
export const fromCatalogItem = (item: Record<string, unknown>): CatalogEntry => {
  const current = upcastLegacy(item);
  return catalogEntrySchema.parse(Object.fromEntries(entryFields.map((field) => [field, current[field]])));
};
