export * from './palette.js';
export * from './schemas.js';
export * from './validate.js';
export * from './vocabulary.js';
export * from './wire.js';
