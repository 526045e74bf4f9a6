import { buildSite } from './src/build.ts';
const t = performance.now();
await buildSite({ contentDir: 'content', outDir: '/tmp/pf-exp/site3' });
console.log('build ms', Math.round(performance.now() - t));
