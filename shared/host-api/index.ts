export * from './agent-status';
export * from './channels';
export * from './contract';
export * from './events';
export * from './lab';
export * from './shortcuts';
export * from './wire';
