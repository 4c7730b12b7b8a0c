import type { Page } from '@playwright/test';

/**
 * In-app prompts (docs/prompts.md) open over customer pages when an order or a sign-in triggers one, as the demo's
 * "thank you for your first order" does. A test walking another path closes each modal prompt as it appears.
 */
export async function closePromptsWhenShown(page: Page) {
  await page.addLocatorHandler(page.locator('.prompt-modal'), async (modal) => {
    await modal.locator('.prompt-close').click();
  });
}
