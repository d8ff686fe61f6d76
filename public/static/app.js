// Progressive enhancement only: every page works without this file.
import { initAll } from '/build/govuk-frontend.min.js';

initAll();

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
