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
      if (e.type === 'phase_started') {
        text('phase', e.phase + '…');
      } else if (e.type === 'phase_ended') {
        text('phase', e.phase + ' done');
        line = e.phase + ' took ' + e.seconds + ' s';
      } else if (e.type === 'tasks_proposed') {
        text('phase', 'episodes…');
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
        text('phase', e.type === 'session_finished' ? 'finished' : 'failed');
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

    var snapshots = {};

    function snapshot(f) {
      var pre = document.getElementById('snapshot');
      if (!f.aria) { pre.textContent = '(none recorded)'; return; }
      if (snapshots[f.aria] !== undefined) { pre.textContent = snapshots[f.aria]; return; }
      pre.textContent = 'loading…';
      fetch(base + encodeURIComponent(f.aria), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : '(not found)'; })
        .then(function (body) {
          snapshots[f.aria] = body;
          if (frames[at] === f) { pre.textContent = body; }
        });
    }

    function list() {
      var ol = document.getElementById('steps');
      frames.forEach(function (f, i) {
        var li = document.createElement('li');
        if (f.healed) { li.className = 'healed'; }
        var b = document.createElement('button');
        b.type = 'button';
        if (f.shot) {
          var thumb = document.createElement('img');
          thumb.src = base + encodeURIComponent(f.shot);
          thumb.alt = '';
          thumb.loading = 'lazy';
          b.appendChild(thumb);
        }
        var label = document.createElement('span');
        label.textContent = (i + 1) + '. ' + f.action + (f.healed ? ' (healed)' : '');
        b.appendChild(label);
        b.addEventListener('click', function () { show(i); });
        li.appendChild(b);
        ol.appendChild(li);
      });
    }

    function show(i) {
      at = Math.max(0, Math.min(frames.length - 1, i));
      var f = frames[at];
      var items = document.querySelectorAll('#steps li');
      for (var k = 0; k < items.length; k++) {
        if (k === at) { items[k].setAttribute('aria-current', 'step'); }
        else { items[k].removeAttribute('aria-current'); }
      }
      snapshot(f);
      text('position', 'Step ' + (at + 1) + ' of ' + frames.length);
      outline.hidden = true;
      // a step with no screenshot shows none, not the last step's
      if (f.shot) { img.src = base + encodeURIComponent(f.shot); } else { img.removeAttribute('src'); }
      img.parentNode.hidden = !f.shot;
      document.getElementById('noshot').hidden = !!f.shot;
      // a step seen only as text: its snapshot is what there is to look at
      if (!f.shot && f.aria) { document.getElementById('aria').open = true; }
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
        var repairs = {};
        (t.repairs || []).forEach(function (r) { repairs[r.step] = r; });
        t.steps.forEach(function (s) {
          var r = repairs[s.index];
          var target = function (x) { return x.role + (x.name ? ' "' + x.name + '"' : ''); };
          frames.push({ shot: s.screenshotFile, aria: s.snapshotFile, url: s.url, title: s.title,
            thought: s.thought, action: describe(s.action), box: s.box, healed: !!r,
            outcome: (s.ok ? 'done' : 'failed: ' + (s.error || ''))
              + (s.matchedBy ? ' (found by ' + s.matchedBy + ')' : '')
              + (r ? ' · healed: ' + target(r.from) + ' → ' + target(r.to) + ' (' + r.method
                + ', similarity ' + r.score.toFixed(2) + ')' : '') });
        });
        var healed = (t.repairs || []).length;
        if (healed) {
          var banner = document.getElementById('healed');
          banner.textContent = healed + (healed === 1 ? ' step was' : ' steps were')
            + ' healed: its recorded locators missed, and the step was found again on the page.';
          banner.hidden = false;
        }
        frames.push({ shot: t.finalScreenshotFile, aria: t.finalSnapshotFile, url: t.finalUrl || '',
          title: t.finalTitle, thought: '', action: 'end: ' + t.status.toLowerCase(),
          outcome: t.verdict ? (t.verdict.success ? 'success' : 'failure') + ': ' + t.verdict.reason
            : (t.answer || '') });
        if (data.traceUrl) {
          var holder = document.getElementById('trace');
          if (holder) {
            holder.textContent = '';
            var link = document.createElement('a');
            link.href = data.traceUrl;
            link.setAttribute('download', 'trace.zip');
            link.textContent = 'download trace.zip';
            var command = document.createElement('code');
            command.textContent = data.traceCommand;
            holder.appendChild(link);
            holder.appendChild(document.createTextNode(' — open it with: '));
            holder.appendChild(command);
          }
        }
        list();
        show(0);
      });
  }
})();
