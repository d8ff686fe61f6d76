// Progressive enhancement only: every page works without this file.
import { initAll } from '/build/govuk-frontend.min.js';

initAll();

// Advice on plain words as staff type (issue 24): loaded only where a form asks for it.
if (document.querySelector('[data-plain-words]')) import('/static/plain-words.js');

// WCAG 2.2.1: warn before an idle session ends, and let the person stay signed in.
const dialog = document.getElementById('timeout-dialog');
if (dialog && typeof dialog.showModal === 'function') {
  const idle = Number(dialog.dataset.idleMinutes) * 60000;
  const warning = Number(dialog.dataset.warningMinutes) * 60000;
  const form = dialog.querySelector('form');
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(0, idle - warning));
  };
  form.addEventListener('submit', async (event) => {
    // "Sign out" posts the same form to /sign-out: let the browser do it.
    if (event.submitter?.hasAttribute('data-sign-out')) return;
    event.preventDefault();
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { 'x-csrf-token': form.elements._csrf.value, accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (response.ok) {
      dialog.close();
      schedule();
    } else {
      window.location.href = '/sign-in';
    }
  });
  schedule();
}

// A form that finds a person by name has Find buttons before its own button, and Enter in
// a box presses a form's first button. Without this file Enter finds (nothing is lost);
// with it, Enter in a name box finds for that field and Enter elsewhere sends the form.
for (const form of document.querySelectorAll('form')) {
  const finds = [...form.querySelectorAll('button[name="find"]')];
  const own = [...form.querySelectorAll('button[type="submit"], input[type="submit"]')].find(
    (b) => !['find', 'checkWords'].includes(b.name),
  );
  if (!finds.length || !own) continue;
  form.addEventListener('keydown', (event) => {
    const box = event.target;
    if (event.key !== 'Enter' || box.tagName !== 'INPUT' || ['submit', 'button', 'file'].includes(box.type)) return;
    event.preventDefault();
    const find = finds.find((b) => `${b.value}-name` === box.name);
    form.requestSubmit(find ?? own);
  });
}
