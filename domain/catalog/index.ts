export { catalogEntrySchema, catalogVisibilitySchema, type CatalogEntry, type CatalogVisibility } from './entry';
export { projectCatalogEntry, ProjectionOrderError, type PositionedShowEvent } from './project';
export { averageRating, ratingSchema, type RatingTotals } from './ratings';
