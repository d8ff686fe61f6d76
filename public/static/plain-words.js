// "Check my words" as you type (issue 24): a moment after typing stops, ask the server for
// advice and show it beside the field. Without this file the button does the same.
for (const box of document.querySelectorAll('[data-plain-words]')) {
  const field = document.getElementById(box.dataset.plainWords);
  const advice = box.querySelector('[aria-live]');
  const token = box.closest('form')?.elements._csrf?.value;
  if (!field || !advice || !token) continue;
  let timer;
  // On a slow connection this file can arrive after someone has started typing: compare with
  // what the page came with, so words typed before it arrived are checked too.
  let asked = field.defaultValue;
  const ask = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (field.value === asked) return;
      asked = field.value;
      const response = await fetch('/plain-words/check', {
        method: 'POST',
        headers: { 'x-csrf-token': token, accept: 'application/json' },
        body: new URLSearchParams({ text: asked }),
        credentials: 'same-origin',
      });
      if (response.ok && field.value === asked) advice.innerHTML = (await response.json()).html;
    }, 1000);
  };
  field.addEventListener('input', ask);
  if (field.value !== asked) ask();
}

// Enter in a box presses a form's first button, which here is "Check my words": with this
// file, Enter saves, as people expect (forms with Find buttons are handled in app.js).
for (const form of new Set([...document.querySelectorAll('[data-plain-words]')].map((box) => box.closest('form')))) {
  const save = [...(form?.querySelectorAll('button[type="submit"], input[type="submit"]') ?? [])].find(
    (b) => !['find', 'checkWords'].includes(b.name),
  );
  if (!save || form.querySelector('button[name="find"]')) continue;
  form.addEventListener('keydown', (event) => {
    const box = event.target;
    if (event.key !== 'Enter' || box.tagName !== 'INPUT' || ['submit', 'button', 'file', 'checkbox', 'radio'].includes(box.type)) return;
    event.preventDefault();
    form.requestSubmit(save);
  });
}
