import { fileURLToPath } from 'node:url';

// The Banner imports the domain core and the API's request types from the server's tree, as the same source.
export const aliases = {
  '@domain': fileURLToPath(new URL('../src/domain', import.meta.url)),
  '@api': fileURLToPath(new URL('../src/api', import.meta.url)),
};
