export * from './recording';
