export { canSee, isListed, isOwnerOrAdmin, playbackAccess, type PlaybackAccess, type Viewer } from './audience';
export { catalogEntrySchema, catalogProblemSchema, catalogStatusSchema, catalogVisibilitySchema, type CatalogEntry, type CatalogStatus, type CatalogVisibility } from './entry';
export { hasLeft } from './lifecycle';
export { projectCatalogEntry, ProjectionOrderError, type PositionedShowEvent } from './project';
export { averageRating, ratingSchema, type RatingTotals } from './ratings';
