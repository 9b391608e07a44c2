export * from './xml';
export * from './pidf';
export * from './dialog-info';
export * from './queue-board';
