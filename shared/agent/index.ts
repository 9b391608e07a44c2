export * from './agent-state';
export * from './agent-transitions';
