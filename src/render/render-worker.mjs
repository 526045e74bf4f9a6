// A worker thread's entry when matbaa runs from its TypeScript sources: tsx, then the render job.
// (The compiled copy the launcher makes has its own render-worker.mjs, with no tsx.)
import { register } from 'tsx/esm/api';

register();
const { default: render, listing } = await import('./render-job.ts');

export default render;
export { listing };
