export { catalogIndexes, catalogTableDefinition, createCatalogTables, engagementTableDefinition, listingAttribute, type CatalogListing, type CatalogTableNames } from './catalogTables';
export { entryKey, fromCatalogItem, listingKey, searchTextOf, toCatalogItem } from './catalogItem';
export { initialGenerations, readGenerations, startBuilding, switchTo, writeTargets, RebuildConflictError, type Generations } from './generations';
export { applyShowEvents, type ApplyOutcome, type CatalogWriterDeps } from './gatedApply';
export { catalogProjection, projectCatalogBatch, type ProjectedBatch } from './catalogProjector';
export { rebuildCatalog, type RebuildReport } from './rebuildCatalog';
export { getShowWithTotals, InvalidCursorError, listPublishedShows, searchTerms, type ListShowsQuery, type ShowsPage } from './catalogQueries';
export { likeShow, rateShow, RatingContentionError, totalsKey, totalsOf, type EngagementTotals } from './engagement';
