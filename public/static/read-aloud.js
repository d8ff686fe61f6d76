// "Read this page aloud" (issue 24): only for people who asked for the button in their
// display settings, and only where the browser can speak. Without JavaScript or speech the
// button stays hidden and nothing else changes.
const button = document.querySelector('[data-read-aloud]');
const speech = window.speechSynthesis;

if (button && speech && typeof window.SpeechSynthesisUtterance === 'function') {
  const startText = button.textContent;
  const stopText = button.dataset.stopText;
  const language = document.documentElement.lang || 'en-GB';
  let reading = false;

  const stop = () => {
    reading = false;
    speech.cancel();
    button.textContent = startText;
  };

  // Line by line: short utterances start sooner, and some browsers stop a long one part way.
  const linesOf = (element) =>
    (element?.innerText ?? '')
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean);

  const read = () => {
    speech.cancel();
    const lines = linesOf(document.getElementById('main-content'));
    if (!lines.length) return;
    reading = true;
    button.textContent = stopText;
    lines.forEach((line, i) => {
      const utterance = new window.SpeechSynthesisUtterance(line);
      utterance.lang = language;
      if (i === lines.length - 1) utterance.addEventListener('end', () => reading && stop());
      speech.speak(utterance);
    });
  };

  button.addEventListener('click', () => (reading ? stop() : read()));
  // Leaving the page stops the voice, so it never reads an old page over a new one.
  window.addEventListener('pagehide', () => speech.cancel());
  button.hidden = false;
}
