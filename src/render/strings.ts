// The words of the page chrome, one typed object a language: templates never hard-code a label.
import type { UiStrings } from '../../templates/props.ts';

const arabic: UiStrings = {
  skipToContent: 'تخطَّ إلى المحتوى',
  home: 'الرئيسية',
  sectionsNav: 'الأقسام',
  published: 'نُشر في',
  updated: 'آخر تحديث',
  by: 'بقلم',
  readingTime: 'مدة القراءة:',
  tags: 'مواضيع ذات صلة',
  photo: 'صورة',
  latest: 'آخر الأخبار',
  footer: 'جميع الحقوق محفوظة.',
  related: 'اقرأ أيضاً',
  pagination: 'الصفحات',
  previousPage: 'الصفحة السابقة',
  nextPage: 'الصفحة التالية',
  archive: 'الأرشيف',
  notFoundTitle: 'الصفحة غير موجودة',
  notFoundText: 'لم نجد الصفحة التي طلبتها. ربما نُقلت أو حُذفت، أو أن في العنوان خطأً مطبعياً. هذه آخر الأخبار:',
  redirecting: 'انتقلت هذه الصفحة إلى عنوان جديد:',
  correction: 'تصحيح',
  search: 'بحث',
  feeds: 'خلاصة',
  draftBanner: 'مسودة — لن تُنشر',
};

/** The UI strings for a site language; Arabic is the only edition today. */
export function uiStrings(language: string): UiStrings {
  if (language === 'ar' || language.startsWith('ar-')) return arabic;
  throw new Error(`No UI strings for language "${language}"`);
}

/** «المزيد من …», the heading of the block of more articles from a section. */
export function moreFromHeading(sectionLabel: string): string {
  return `المزيد من ${sectionLabel}`;
}
