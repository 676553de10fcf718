// The compose box's video: uploads the file with a progress bar, then follows its processing live from the
// server-sent events stream until it is ready or failed. The post form carries the video's id in a hidden field.
// A file that cannot be used is taken off the form, and the box and the Post button say the post is text only.
(() => {
  'use strict';
  const form = document.getElementById('compose-form');
  if (!form) return;
  const input = document.getElementById('video');
  const panel = document.getElementById('upload');
  const bar = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const detached = document.getElementById('upload-detached');
  const remove = document.getElementById('upload-remove');
  const submit = document.getElementById('compose-submit');
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

  const STAGES = {
    probing: 'Checking the video…',
    transcoding: 'Preparing the video for playback…',
    ready: 'The video is ready.',
  };

  let current = null; // { id, xhr, stage, name }
  let events = null;

  // the file goes up ahead, with progress; the form must not send it a second time with the post
  input.removeAttribute('name');

  // what Post will do, said by the box and by the button itself
  const show = (stage, text) => {
    const notAttached = stage === 'failed';
    panel.hidden = false;
    panel.dataset.stage = stage;
    status.textContent = text;
    detached.hidden = !notAttached;
    submit.textContent = notAttached ? 'Post without the video' : 'Post';
    remove.textContent = notAttached ? 'Dismiss' : 'Remove the video';
  };

  const hiddenField = () => form.querySelector('input[name="media_id"]');

  const clear = () => {
    if (current?.xhr) current.xhr.abort();
    current = null;
    hiddenField()?.remove();
    submit.disabled = false;
    panel.hidden = true;
    delete panel.dataset.stage;
    bar.value = 0;
    bar.max = 100;
    status.textContent = '';
    detached.hidden = true;
    submit.textContent = 'Post';
    remove.textContent = 'Remove the video';
  };

  // the file stays off the post: the chooser no longer shows it, and no id goes with the form
  const failed = (reason) => {
    hiddenField()?.remove();
    input.value = '';
    submit.disabled = false;
    show('failed', reason);
  };

  // The item as the server sees it; events only say that something changed.
  const refresh = async () => {
    const item = current;
    if (!item?.id) return;
    try {
      const response = await fetch(form.dataset.mediaUrl + item.id, { headers: { Accept: 'application/json' } });
      if (!response.ok || current !== item) return;
      apply(await response.json());
    } catch (e) {
      // the next event or reconnect refreshes again
    }
  };

  const apply = (view) => {
    if (!current || view.id !== current.id || current.stage === view.stage) return;
    current.stage = view.stage;
    if (view.stage === 'failed') {
      failed(`\u201c${current.name}\u201d could not be used: ${view.reason || 'it could not be processed.'}`);
    } else {
      bar.max = 1;
      bar.value = view.stage === 'ready' ? 1 : bar.value;
      if (view.stage !== 'ready') bar.removeAttribute('value'); // indeterminate while the server works
      show(view.stage, `${STAGES[view.stage] || 'Processing…'}${view.stage === 'ready' ? '' : ' You can post now: others see the post once the video is ready.'}`);
    }
  };

  const listen = () => {
    if (events || !window.EventSource) return;
    events = new EventSource(form.dataset.eventsUrl);
    events.addEventListener('open', refresh);
    events.addEventListener('media', (message) => {
      const event = JSON.parse(message.data);
      if (current && event.data && event.data.media_id === current.id) refresh();
    });
  };

  const problem = (xhr) => {
    if (xhr.responseURL && new URL(xhr.responseURL).pathname === '/login') {
      return 'You are no longer logged in. Log in again, then add the video.';
    }
    if (xhr.status === 403) return 'This page has expired. Reload it and add the video again.';
    try {
      const body = JSON.parse(xhr.responseText);
      if (body.detail) {
        const wait = xhr.getResponseHeader('Retry-After');
        return wait ? `${body.detail} Try again in ${wait} seconds.` : body.detail;
      }
    } catch (e) {
      // not a problem document
    }
    return `The upload failed (${xhr.status || 'no answer'}). Try again.`;
  };

  const upload = (file) => {
    listen();
    const xhr = new XMLHttpRequest();
    current = { xhr, id: null, stage: 'uploading', name: file.name };
    const item = current;
    xhr.open('POST', form.dataset.uploadUrl);
    const header = meta('csrf-header');
    if (header) xhr.setRequestHeader(header, meta('csrf-token'));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable || current !== item) return;
      bar.max = e.total;
      bar.value = e.loaded;
      show('uploading', `Uploading… ${Math.floor((100 * e.loaded) / e.total)}%`);
    });
    xhr.addEventListener('load', () => {
      if (current !== item) return;
      item.xhr = null;
      if (xhr.status !== 202) {
        failed(problem(xhr));
        return;
      }
      const view = JSON.parse(xhr.responseText);
      item.id = view.id;
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'media_id';
      field.value = view.id;
      form.append(field);
      submit.disabled = false;
      apply(view);
      refresh();
    });
    xhr.addEventListener('error', () => {
      if (current === item) failed('The upload was cut off. Check your connection and try again.');
    });
    submit.disabled = true;
    show('uploading', 'Uploading… 0%');
    xhr.send(file);
  };

  input.addEventListener('change', () => {
    clear();
    const file = input.files[0];
    if (!file) return;
    const max = Number(input.dataset.maxBytes);
    if (max && file.size > max) {
      failed(`That file is too large: videos can be up to ${input.dataset.maxLabel}.`);
      return;
    }
    if (file.size === 0) {
      failed('That file is empty.');
      return;
    }
    upload(file);
  });

  remove.addEventListener('click', () => {
    input.value = '';
    clear();
    input.focus();
  });

  window.addEventListener('beforeunload', (e) => {
    if (current?.xhr) e.preventDefault();
  });
})();
