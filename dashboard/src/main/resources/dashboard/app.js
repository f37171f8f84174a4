// Skillwright dashboard: live progress and the trajectory viewer. Page data is set with
// textContent only, never parsed as markup.
(function () {
  'use strict';

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = String(value); }
  }

  // ---- live progress of a session, from server-sent events ----
  var progress = document.getElementById('progress');
  if (progress) {
    var session = progress.getAttribute('data-session');
    var ok = 0, skills = 0;
    var source = new EventSource('/api/sessions/' + encodeURIComponent(session) + '/events');
    source.onmessage = function (message) {
      var e;
      try { e = JSON.parse(message.data); } catch (err) { return; }
      var line = null;
      if (e.type === 'tasks_proposed') {
        text('total', e.count);
        document.getElementById('bar').max = e.count;
      } else if (e.type === 'episode_finished') {
        if (e.success) { ok++; }
        text('done', e.done); text('total', e.total); text('ok', ok);
        var bar = document.getElementById('bar');
        bar.max = e.total; bar.value = e.done;
        line = e.episode + ': ' + (e.success ? 'success' : 'failure') + ' — ' + e.reason;
      } else if (e.type === 'skill_added') {
        skills++; text('skills', skills);
        line = 'new skill ' + e.skill;
      } else if (e.type === 'session_finished' || e.type === 'session_failed') {
        line = e.type === 'session_finished' ? 'session finished' : 'session failed: ' + e.error;
        source.close();
      }
      if (line) {
        var li = document.createElement('li');
        li.textContent = line;
        document.getElementById('events').appendChild(li);
      }
    };
  }

  // ---- the trajectory viewer ----
  var viewer = document.getElementById('viewer');
  if (viewer) {
    var id = viewer.getAttribute('data-episode');
    var frames = [], at = 0, base = '';
    var img = document.getElementById('shot');
    var outline = document.getElementById('outline');

    function describe(a) {
      if (!a) { return ''; }
      var t = a.target ? ' ' + a.target.role + (a.target.name ? ' "' + a.target.name + '"' : '') : '';
      var extra = a.text !== undefined ? ' "' + a.text + '"' : a.key ? ' ' + a.key
        : a.option ? ' "' + a.option + '"' : a.url ? ' ' + a.url : a.reason ? ': ' + a.reason : '';
      return a.type + t + extra;
    }

    function place() {
      var f = frames[at];
      if (!f || !f.box || !img.naturalWidth) { outline.hidden = true; return; }
      outline.style.left = (100 * f.box.x / img.naturalWidth) + '%';
      outline.style.top = (100 * f.box.y / img.naturalHeight) + '%';
      outline.style.width = (100 * f.box.width / img.naturalWidth) + '%';
      outline.style.height = (100 * f.box.height / img.naturalHeight) + '%';
      outline.hidden = false;
    }

    function show(i) {
      at = Math.max(0, Math.min(frames.length - 1, i));
      var f = frames[at];
      text('position', 'Step ' + (at + 1) + ' of ' + frames.length);
      outline.hidden = true;
      if (f.shot) { img.src = base + encodeURIComponent(f.shot); img.hidden = false; } else { img.hidden = true; }
      text('page', (f.title || '') + ' — ' + f.url);
      text('thought', f.thought || '');
      text('action', f.action);
      text('outcome', f.outcome);
      document.getElementById('prev').disabled = at === 0;
      document.getElementById('next').disabled = at === frames.length - 1;
    }

    img.addEventListener('load', place);
    document.getElementById('prev').addEventListener('click', function () { show(at - 1); });
    document.getElementById('next').addEventListener('click', function () { show(at + 1); });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowLeft') { show(at - 1); }
      if (e.key === 'ArrowRight') { show(at + 1); }
    });

    fetch('/api/episodes/' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var t = data.trajectory;
        base = data.files;
        t.steps.forEach(function (s) {
          frames.push({ shot: s.screenshotFile, url: s.url, title: s.title, thought: s.thought,
            action: describe(s.action), box: s.box,
            outcome: (s.ok ? 'done' : 'failed: ' + (s.error || ''))
              + (s.matchedBy ? ' (found by ' + s.matchedBy + ')' : '') });
        });
        frames.push({ shot: t.finalScreenshotFile, url: t.finalUrl || '', title: t.finalTitle,
          thought: '', action: 'end: ' + t.status.toLowerCase(),
          outcome: t.verdict ? (t.verdict.success ? 'success' : 'failure') + ': ' + t.verdict.reason
            : (t.answer || '') });
        if (data.trace) { text('trace', data.trace + '  (npx playwright show-trace <path>)'); }
        show(0);
      });
  }
})();
