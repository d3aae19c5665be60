import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { catalogProjection, readGenerations, type CatalogTableNames } from '../../adapters/projections';
import { systemClock, type Clock } from '../runtime/clock';
import { readConfig, type Env } from '../runtime/config';
import { eventStore } from '../runtime/eventStore';
import { documentClient } from '../runtime/sdk/dynamodb';

export interface CatalogDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tables: CatalogTableNames;
  readonly store: EventStore;
  /** The generation the API serves; cached briefly, since a rebuild's switch is rare and reads are many. */
  readonly generation: () => Promise<number>;
  /** Where a request's `now` comes from; the system clock when not given. */
  readonly clock?: Clock;
  /** How far a running transcode is (0-100), null when unknown; without it, the studio shows no progress. */
  readonly transcodeProgress?: (transcodeId: string) => Promise<number | null>;
}

const configSchema = z.object({ CATALOG_TABLE: z.string().min(1), ENGAGEMENT_TABLE: z.string().min(1) });

/** How long a container trusts the generation it read: the delay after a rebuild's switch before it serves the new one. */
export const generationCacheMs = 5_000;

export const cachedGeneration = (read: () => Promise<number>, ttlMs = generationCacheMs, now = () => Date.now()) => {
  let cached: { value: number; at: number } | undefined;
  return async (): Promise<number> => {
    if (cached !== undefined && now() - cached.at < ttlMs) return cached.value;
    cached = { value: await read(), at: now() };
    return cached.value;
  };
};

/** What the routes that only read the read models (and count engagement) need: no event store. */
export type CatalogReadDeps = Omit<CatalogDeps, 'store'>;

/**
 * The read models' clients and tables from this container's environment, for the functions that never append: their
 * bundles then hold neither the event store nor the event contracts it parses with.
 */
export const catalogReadDeps = (env: Env = process.env): CatalogReadDeps => {
  const config = readConfig(configSchema, env, 'catalogue configuration');
  const db = documentClient();
  const tables = { catalog: config.CATALOG_TABLE, engagement: config.ENGAGEMENT_TABLE };
  return { db, tables, clock: systemClock, generation: cachedGeneration(async () => (await readGenerations(db, tables.catalog, catalogProjection)).active) };
};

/** The catalogue's clients, tables and event store from this container's environment: called once, at load, by each entry module. */
export const catalogDeps = (env: Env = process.env): CatalogDeps => ({ ...catalogReadDeps(env), store: eventStore(env) });
