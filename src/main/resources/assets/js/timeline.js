// The home timeline, live: posts that arrive on the server-sent events stream are counted in a "N new posts" bar
// floating over the timeline, and shown only when the reader asks, so nothing moves under their eyes while they
// read. The posts come from the server rendered as the page renders them. Without this script, and on older pages,
// the timeline is what the server rendered, and a reload shows what is new.
(() => {
  'use strict';
  const timeline = document.getElementById('timeline');
  const bar = document.getElementById('new-posts');
  if (!timeline || !bar || !timeline.dataset.eventsUrl || !window.EventSource) return;
  const max = Number(timeline.dataset.maxEntries) || 20;
  const pending = new Map(); // ids of posts that arrived and are not shown yet, to the id of their author

  const data = (message) => {
    try {
      return JSON.parse(message.data).data || {};
    } catch (e) {
      return {};
    }
  };
  const postId = (message) => Number(data(message).post_id) || null;

  const render = () => {
    const n = pending.size;
    bar.textContent = n === 1 ? '1 new post' : `${n} new posts`;
    bar.hidden = n === 0;
  };

  const events = new EventSource(timeline.dataset.eventsUrl);
  events.addEventListener('open', () => {
    timeline.dataset.live = 'connected';
  });
  events.addEventListener('error', () => {
    timeline.dataset.live = 'reconnecting';
  });
  events.addEventListener('timeline', (message) => {
    const id = postId(message);
    // the reader's own posts are on the page already, and a reconnect may repeat an event
    if (id && !document.getElementById(`post-${id}`) && !pending.has(id)) {
      pending.set(id, Number(data(message).author_id));
      render();
    }
  });
  events.addEventListener('timeline-removed', (message) => {
    if (pending.delete(postId(message))) render();
  });
  // a suspended author: their posts leave the page, those shown and those waiting in the bar
  events.addEventListener('author-removed', (message) => {
    const { user_id: userId, username } = data(message);
    [...pending].filter(([, author]) => author === Number(userId)).forEach(([id]) => pending.delete(id));
    timeline.querySelectorAll(':scope > article.post').forEach((entry) => {
      const link = entry.querySelector('header a.author')?.getAttribute('href') || '';
      if (username && link.split('/').pop().toLowerCase() === String(username).toLowerCase()) entry.remove();
    });
    render();
  });

  const reveal = async () => {
    if (bar.disabled || pending.size === 0) return;
    if (pending.size > max) {
      window.location.reload(); // more than one request may ask for: the first page has the newest
      return;
    }
    const ids = [...pending.keys()].sort((a, b) => b - a);
    bar.disabled = true;
    try {
      const url = new URL(timeline.dataset.entriesUrl, window.location.href);
      url.searchParams.set('ids', ids.join(','));
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      // why: an ended session answers with the login page after a redirect
      if (!response.ok || response.redirected) throw new Error(`answered ${response.status}`);
      const template = document.createElement('template');
      template.innerHTML = await response.text();
      const entries = [...template.content.querySelectorAll('article.post')]
        .filter((entry) => !document.getElementById(entry.id));
      ids.forEach((id) => pending.delete(id));
      timeline.querySelector(':scope > p.empty')?.remove();
      const before = timeline.querySelector(':scope > article.post') || timeline.querySelector(':scope > nav.pager');
      entries.forEach((entry) => timeline.insertBefore(entry, before));
      render();
      if (entries.length > 0) {
        entries[0].tabIndex = -1;
        entries[0].focus({ preventScroll: true });
        entries[0].scrollIntoView({ block: 'nearest' });
      }
    } catch (e) {
      window.location.reload(); // the server renders the timeline with them
    } finally {
      bar.disabled = false;
    }
  };

  bar.addEventListener('click', reveal);
})();
