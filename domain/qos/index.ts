export * from './alerts';
export * from './metrics';
export * from './playerEvent';
export * from './sessionQoe';
