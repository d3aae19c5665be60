export * from './alertRules';
export * from './alerts';
export * from './buckets';
export * from './dimensionKeys';
export * from './metrics';
export * from './playerEvent';
export * from './sessionEvents';
export * from './sessionQoe';
