/** What every layer shares: located diagnostics, the language and layout names, the package itself. */
export * from './diagnostic.js';
export * from './types.js';
export * from './package.js';
export * from './xml.js';
export * from './checkpoint.js';
