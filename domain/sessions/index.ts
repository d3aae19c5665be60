export * from './admission';
export * from './rawEvent';
export * from './session';
export * from './readWindow';
export * from './insights';
