export * from './scheduleExpression';
export * from './scheduler';
