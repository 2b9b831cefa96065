import fs from 'node:fs';
import { expect, it } from 'vitest';
import { findProjectBySlug } from '../../src/modules/directory/service.js';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { makePdf } from '../helpers/library-files.js';

describeInBrowser('an editor shares slides, a visitor finds and downloads them', () => {
  const journey = useJourney();
  it('uploads slides to a session, then finds them by a word on their third page and downloads them', async () => {
    const exceed = (await findProjectBySlug(journey.t.app.db, 'exceed'))!;
    const { cookie } = await signIn(journey.t.app, { role: 'editor', projectIds: [exceed.id] });
    const editorContext = await journey.browser.newContext();
    const [name, value] = cookie.split('=');
    await editorContext.addCookies([{ name, value, url: journey.base }]);
    const editor = await editorContext.newPage();
    // As after signing in through the form: the first page sets the CSRF cookie the upload form's token is bound to.
    await editor.goto(journey.base + '/');
    await editor.goto(journey.base + '/admin/library/new');
    await editor.getByLabel('Title').fill('Geochemical assessment slides');
    await editor.getByLabel('Authors').fill('Valérie Cappuyns');
    await editor.getByLabel('Where it belongs').selectOption({ label: 'Geochemical assessment in the field of mining and resource recovery' });
    await editor.getByLabel('File').setInputFiles({
      name: 'geochemistry.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(['Geochemical assessment', 'Sampling campaigns', 'Leaching tests on arsenopyrite tailings']),
    });
    await editor.getByRole('button', { name: 'Add the document' }).click();
    await expect.poll(() => editor.getByRole('heading', { level: 1 }).textContent()).toBe('Geochemical assessment slides');
    await editorContext.close();
    await journey.t.runJobs(); // reads the PDF's text for search

    const visitor = await journey.browser.newPage();
    await visitor.goto(journey.base + '/');
    await visitor.getByRole('searchbox', { name: 'Search the hub' }).fill('arsenopyrite');
    await visitor.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await visitor.getByRole('link', { name: 'Geochemical assessment slides' }).click();
    const downloadPromise = visitor.waitForEvent('download');
    await visitor.getByRole('link', { name: /^Download/ }).first().click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('geochemistry.pdf');
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await visitor.close();
  });
});
