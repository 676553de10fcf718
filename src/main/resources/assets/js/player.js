// Quality choice for server-rendered players: switches the source and keeps the position and play state.
document.addEventListener('change', (event) => {
  const select = event.target;
  if (!select.matches('figure.video select.rendition')) return;
  const video = select.closest('figure.video').querySelector('video');
  const position = video.currentTime;
  const playing = !video.paused;
  video.src = select.value;
  video.addEventListener('loadedmetadata', () => {
    video.currentTime = position;
    if (playing) video.play();
  }, { once: true });
});
