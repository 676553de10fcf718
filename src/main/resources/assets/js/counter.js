// Characters left in a post, for every text area that names its limit (data-max-length, from the server's setting)
// and its counter (data-counter). Counted as the server counts: Unicode code points, so an emoji is one character.
// Past the limit the form will not submit; the server refuses such a post anyway, this only says so sooner.
(() => {
  'use strict';
  for (const field of document.querySelectorAll('textarea[data-max-length][data-counter]')) {
    const counter = document.getElementById(field.dataset.counter);
    const max = Number(field.dataset.maxLength);
    if (!counter || !max) continue;
    // how close "near" is: 20 characters, or a tenth of a small limit
    const near = Math.min(20, Math.ceil(max / 10));

    const update = () => {
      const left = max - [...field.value].length;
      const characters = (n) => `${n} ${n === 1 ? 'character' : 'characters'}`;
      counter.textContent = left >= 0 ? `${characters(left)} left` : `${characters(-left)} too many`;
      counter.dataset.state = left < 0 ? 'over' : left <= near ? 'near' : 'ok';
      field.setCustomValidity(
        left < 0 ? `This post is ${characters(-left)} too long: posts can have up to ${max} characters.` : '');
    };

    field.addEventListener('input', update);
    update();
  }
})();
