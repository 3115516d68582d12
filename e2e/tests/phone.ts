import type { Browser } from '@playwright/test';

/** A technician's phone: a 390×844 touch screen in Chinese, on Beijing time. */
export async function phonePage(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}
