export * from './contact-name.js';
export * from './contacts-csv.js';
