// A generated news site for tests that need volume: pagination, feeds, the news sitemap window.
import { article, siteYaml } from './site.ts';

const sections = ['middle-east', 'world'] as const;
const tags = ['سوريا', 'العراق', 'لبنان', 'مصر', 'الأمم المتحدة', 'النفط'];
const authors = ['ليلى حداد', 'سامر نجار', 'منى الشريف'];

/** `count` articles, one an hour back from `newest`, over two sections, with tags cycling. */
export function generatedSite(count: number, newest: Date, extraSettings = ''): Record<string, string> {
  const files: Record<string, string> = { 'content/site.yaml': `${siteYaml}pageSize: 10\n${extraSettings}` };
  for (let i = 0; i < count; i++) {
    const date = new Date(newest.getTime() - i * 3_600_000).toISOString().replace(/\.\d+Z$/, '+00:00');
    const section = sections[i % 2];
    const fm = [
      `title: "الخبر رقم ${i + 1} عن ${tags[i % tags.length]}"`,
      `subtitle: "ملخص الخبر رقم ${i + 1}"`,
      `date: ${date}`,
      `section: ${section}`,
      `tags: ["${tags[i % tags.length]}", "${tags[(i + 1) % tags.length]}"]`,
      `authors: ["${authors[i % authors.length]}"]`,
    ].join('\n');
    files[`content/articles/${section}/story-${String(i + 1).padStart(3, '0')}.md`] = article(fm, `فقرة الخبر رقم ${i + 1}.\n`);
  }
  return files;
}
