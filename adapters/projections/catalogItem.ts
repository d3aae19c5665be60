import { catalogEntrySchema, type CatalogEntry } from '../../domain/catalog';
import { listingAttribute } from './catalogTables';

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

/** Words of title and description, lower-cased and deduplicated: what `q` is matched against. */
export const searchTextOf = (entry: Pick<CatalogEntry, 'title' | 'description'>): string =>
  ` ${[...new Set(`${entry.title} ${entry.description}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].join(' ')} `;

/**
 * The stored item of an entry. Only published entries carry listing attributes (sparse indexes), so a
 * withdrawal, written as a whole-item Put, removes the show from every listing at once.
 */
export const toCatalogItem = (generation: number, entry: CatalogEntry): Record<string, unknown> => {
  const listed =
    entry.visibility === 'published' && entry.publishedAt !== null
      ? {
          [listingAttribute.all]: listingKey.all(generation),
          [listingAttribute.genre]: listingKey.genre(generation, entry.genre),
          [listingAttribute.language]: listingKey.language(generation, entry.language),
          [listingAttribute.genreLanguage]: listingKey.genreLanguage(generation, entry.genre, entry.language),
          listedAt: `${entry.publishedAt}#${entry.showId}`,
          searchText: searchTextOf(entry),
        }
      : {};
  return { ...entryKey(generation, entry.showId), ...entry, ...listed };
};

const entryFields = Object.keys(catalogEntrySchema.shape);

/** Parses what DynamoDB returned, keys and listing attributes left out: a bad item fails here, loudly. */
export const fromCatalogItem = (item: Record<string, unknown>): CatalogEntry =>
  catalogEntrySchema.parse(Object.fromEntries(entryFields.map((field) => [field, item[field]])));
