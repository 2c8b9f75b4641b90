export { fillTemplate } from './fill.js';
export { resolveTemplate } from './resolve.js';
export type { Template, TemplateResolution } from './resolve.js';
export { templateVariables, unfilledVariables } from './variables.js';
