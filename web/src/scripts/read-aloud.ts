/** The 朗读 buttons (components/ReadAloud.astro): speechSynthesis in zh-CN; a second press stops. */

function voice(): SpeechSynthesisVoice | undefined {
  const voices = speechSynthesis.getVoices();
  return voices.find((v) => v.lang === "zh-CN") ?? voices.find((v) => v.lang.startsWith("zh"));
}

/** The visible text, one line per block, without the buttons' own labels. */
function textOf(el: HTMLElement): string {
  // biome-ignore lint/performance/useDomNodeTextContent: only the visible text, line by line, is read aloud (textContent would read hidden forms too)
  return el.innerText
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s && !/^🔊?\s*(朗读|停止朗读)$/.test(s))
    .join("。");
}

for (const button of document.querySelectorAll<HTMLButtonElement>("button.read-aloud")) {
  if (!("speechSynthesis" in window)) {
    button.hidden = true;
    continue;
  }
  const stop = () => {
    speechSynthesis.cancel();
    button.setAttribute("aria-pressed", "false");
  };
  button.addEventListener("click", () => {
    if (button.getAttribute("aria-pressed") === "true") return stop();
    const target = document.querySelector<HTMLElement>(button.dataset.target ?? "main");
    if (!target) return;
    speechSynthesis.cancel();
    const say = new SpeechSynthesisUtterance(textOf(target));
    say.lang = "zh-CN";
    const v = voice();
    if (v) say.voice = v;
    say.rate = 0.9;
    say.onend = () => button.setAttribute("aria-pressed", "false");
    say.onerror = () => button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-pressed", "true");
    speechSynthesis.speak(say);
  });
}
