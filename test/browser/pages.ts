import type { Page } from 'playwright-core';
import { expectAccessible } from './harness.ts';

// Page objects: each finds things as a person would, by role and label.

export class SetUpPage {
  constructor(private readonly page: Page) {}
  async open() {
    await this.page.goto('/setup');
    await expectAccessible(this.page, 'set-up');
  }
  async fill(values: { organisation: string; area: string; name: string; email: string; password: string }) {
    await this.page.getByLabel('Name of your organisation').fill(values.organisation);
    await this.page.getByLabel('Area you work in').fill(values.area);
    await this.page.getByLabel('Full name').fill(values.name);
    await this.page.getByLabel('Email address').fill(values.email);
    await this.page.getByLabel('Password', { exact: true }).fill(values.password);
  }
  async submit() {
    await this.page.getByRole('button', { name: 'Set up Coproduce' }).click();
  }
}

export class SignInPage {
  constructor(private readonly page: Page) {}
  async open() {
    await this.page.goto('/sign-in');
  }
  async withPassword(email: string, password: string) {
    const form = this.page.locator('form[action="/sign-in"]');
    await form.getByLabel('Email address').fill(email);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }
  async askForLink(email: string) {
    const form = this.page.locator('form[action="/sign-in/link"]');
    await form.getByLabel('Email address').fill(email);
    await form.getByRole('button', { name: 'Email me a sign-in link' }).click();
  }
}

/** Signs in with a password and waits for the home page's greeting. */
export async function signIn(page: Page, email: string, password: string, name: string) {
  const signInPage = new SignInPage(page);
  await signInPage.open();
  await signInPage.withPassword(email, password);
  await page.getByRole('heading', { name: `Hello, ${name}` }).waitFor();
}
