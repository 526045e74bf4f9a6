const t = performance.now();
const { build } = await import('vite');
console.log('import ms', Math.round(performance.now() - t));
