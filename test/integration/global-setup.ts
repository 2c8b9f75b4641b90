// Some tests start `smsdesk` as a user would (bin/smsdesk.js), which runs the compiled server:
// compile it once before any test when the sources are newer, so that no test pays for it or
// reads the compiler's messages in a command's output.
import path from 'node:path';
import { ensureServerBuilt } from '../../scripts/server-build.mjs';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  if (!ensureServerBuilt(root, (line) => console.error(line))) throw new Error('the server could not be compiled (see above)');
}
