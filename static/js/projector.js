// The projector's clock ticks each second between the server's updates. The server's time is
// the truth: every fragment htmx brings (every 2 s) starts the count again from its
// data-seconds-left, measured on this computer's own monotonic clock (not its wall clock).
// Without this file the clock shows the server's time at each update.
(() => {
  let clock = null;
  let left = 0;
  let since = 0;

  const pick = () => {
    clock = document.querySelector("[data-seconds-left]");
    if (!clock) return;
    left = Number(clock.dataset.secondsLeft) || 0;
    since = performance.now();
  };

  const show = (seconds) => {
    const minutes = Math.floor(seconds / 60);
    return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
  };

  const tick = () => {
    if (!clock?.isConnected) return;
    const seconds = Math.max(0, Math.ceil(left - (performance.now() - since) / 1000));
    const text = show(seconds);
    if (clock.textContent !== text) clock.textContent = text;
  };

  document.addEventListener("DOMContentLoaded", pick);
  document.addEventListener("htmx:afterSettle", pick);
  setInterval(tick, 250);
})();
