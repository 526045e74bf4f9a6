import * as pagefind from 'pagefind';
const { index } = await pagefind.createIndex({ forceLanguage: 'ar' });
await index.addCustomRecord({ url: '/a/', content: 'كلمة', language: 'ar' });
await index.getFiles();
await index.deleteIndex();
console.log('done');
