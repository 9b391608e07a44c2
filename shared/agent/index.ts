export * from './agent-state';
export * from './agent-transitions';
export * from './wrap-up-policy';
