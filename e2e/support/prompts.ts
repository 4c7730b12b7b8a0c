import type { Page } from '@playwright/test';

/**
 * In-app prompts (docs/prompts.md) open over customer pages when an order or a sign-in triggers one, as the demo's
 * "thank you for your first order" and "welcome to your account" do. A test walking another path closes each prompt
 * that could cover what it clicks, as it appears (portal or widget; call it on each page).
 */
export async function closePromptsWhenShown(page: Page) {
  await page.addLocatorHandler(page.locator('.prompt-modal'), async (modal) => {
    await modal.locator('.prompt-close').click();
  });
  // The portal's banners sit fixed above its bottom navigation (the demo welcomes a first sign-in with one).
  await page.addLocatorHandler(page.locator('.prompt-banner'), async (banner) => {
    await banner.locator('.prompt-close').click();
  });
  // The widget's modal (in its shadow root, which CSS locators reach).
  await page.addLocatorHandler(page.locator('.tp-pr-modal'), async (modal) => {
    await modal.locator('.tp-pr-x').click();
  });
}
