export * from './content-schema';
export * from './guidance';
export * from './hold-script';
export * from './phrase-check';
export * from './situations';
export * from './stages';
export * from './team-phrases';
export * from './time-step';
