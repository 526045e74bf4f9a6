// A search index worker's entry when matbaa runs from its TypeScript sources: tsx, then the job.
// (The compiled copy the launcher makes has its own search-worker.mjs, with no tsx.)
import { register } from 'tsx/esm/api';

register();
const { default: index } = await import('./search-job.ts');

export default index;
