// The hard widgets of the bundled sites, driven by data attributes on server-rendered markup:
// modal dialogs, custom dropdowns (select-only comboboxes), autocomplete, a date picker and
// content loaded after a delay. Each follows the WAI-ARIA Authoring Practices pattern of its kind.
(function () {
  'use strict';

  // ---- modal dialog: <button data-opens="ID"> opens <dialog id="ID">; [data-closes] closes ----
  document.addEventListener('click', function (e) {
    var opener = e.target.closest('[data-opens]');
    if (opener) {
      var d = document.getElementById(opener.getAttribute('data-opens'));
      if (d && !d.open) {
        d.showModal();
        var first = d.querySelector('input:not([type=hidden]), textarea, select');
        if (first) first.focus();
      }
      return;
    }
    var closer = e.target.closest('[data-closes]');
    if (closer) closer.closest('dialog').close();
  });

  // ---- a listbox shared by the dropdown and the autocomplete ----
  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
  }
  function setActive(owner, list, index) {
    var opts = options(list);
    opts.forEach(function (o, i) { o.classList.toggle('active', i === index); });
    if (opts[index]) {
      owner.setAttribute('aria-activedescendant', opts[index].id);
      opts[index].scrollIntoView({block: 'nearest'});
    } else {
      owner.removeAttribute('aria-activedescendant');
    }
  }
  function activeIndex(list) {
    return options(list).findIndex(function (o) { return o.classList.contains('active'); });
  }
  function show(owner, list, open) {
    list.hidden = !open;
    owner.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (!open) setActive(owner, list, -1);
  }
  function keys(owner, list, choose, e) {
    var opts = options(list);
    var i = activeIndex(list);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) show(owner, list, true);
      var n = opts.length;
      if (n) setActive(owner, list, e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n);
    } else if (e.key === 'Enter' && !list.hidden && i >= 0) {
      e.preventDefault();
      choose(opts[i]);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      show(owner, list, false);
    }
  }

  // ---- custom dropdown: [data-dropdown] holds a combobox button, a listbox, a hidden input ----
  document.querySelectorAll('[data-dropdown]').forEach(function (box) {
    var button = box.querySelector('[role=combobox]');
    var list = box.querySelector('[role=listbox]');
    var input = box.querySelector('input[type=hidden]');
    function choose(o) {
      input.value = o.getAttribute('data-value');
      button.textContent = o.textContent;
      options(list).forEach(function (x) {
        x.setAttribute('aria-selected', x === o ? 'true' : 'false');
      });
      show(button, list, false);
      button.focus();
    }
    button.addEventListener('click', function () { show(button, list, list.hidden); });
    button.addEventListener('keydown', function (e) { keys(button, list, choose, e); });
    list.addEventListener('click', function (e) {
      var o = e.target.closest('[role=option]');
      if (o) choose(o);
    });
    document.addEventListener('click', function (e) {
      if (!box.contains(e.target)) show(button, list, false);
    });
  });

  // ---- autocomplete: [data-autocomplete] holds a combobox input and a listbox. Suggestions come
  // from data-source (a URL answering JSON [{label, href}]) or data-options (a JSON list of
  // words). With data-multiple="NAME", each choice becomes a removable chip with a hidden input.
  document.querySelectorAll('[data-autocomplete]').forEach(function (box) {
    var input = box.querySelector('[role=combobox]');
    var list = box.querySelector('[role=listbox]');
    var source = box.getAttribute('data-source');
    var words = JSON.parse(box.getAttribute('data-options') || '[]');
    var multiple = box.getAttribute('data-multiple');
    var chips = box.querySelector('.chips');
    var timer = null;
    function chosen() {
      return chips ? Array.prototype.map.call(chips.querySelectorAll('input'),
          function (i) { return i.value; }) : [];
    }
    function render(items) {
      list.innerHTML = '';
      items.forEach(function (it, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = list.id + '-' + i;
        li.textContent = it.label;
        if (it.href) li.setAttribute('data-href', it.href);
        list.appendChild(li);
      });
      show(input, list, items.length > 0);
    }
    function suggest() {
      var q = input.value.trim().toLowerCase();
      if (source) {
        if (!q) { render([]); return; }
        clearTimeout(timer);
        timer = setTimeout(function () {
          fetch(source + '?q=' + encodeURIComponent(q)).then(function (r) { return r.json(); })
              .then(function (items) { if (input.value.trim().toLowerCase() === q) render(items); });
        }, 150);
      } else {
        var taken = chosen();
        render(words.filter(function (w) {
          return w.toLowerCase().indexOf(q) >= 0 && taken.indexOf(w) < 0;
        }).map(function (w) { return {label: w}; }));
      }
    }
    function addChip(word) {
      var chip = document.createElement('span');
      chip.className = 'chip';
      chip.textContent = word + ' ';
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', 'Remove label ' + word);
      remove.addEventListener('click', function () { chip.remove(); });
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = multiple;
      hidden.value = word;
      chip.appendChild(remove);
      chip.appendChild(hidden);
      chips.appendChild(chip);
    }
    function choose(o) {
      if (o.getAttribute('data-href')) {
        window.location.href = o.getAttribute('data-href');
        return;
      }
      if (multiple) {
        addChip(o.textContent);
        input.value = '';
      } else {
        input.value = o.textContent;
      }
      show(input, list, false);
      input.focus();
    }
    if (chips) {
      chips.querySelectorAll('button').forEach(function (b) {
        b.addEventListener('click', function () { b.parentNode.remove(); });
      });
    }
    input.addEventListener('input', suggest);
    input.addEventListener('focus', function () { if (!source) suggest(); });
    input.addEventListener('click', function () { if (!source && list.hidden) suggest(); });
    input.addEventListener('keydown', function (e) { keys(input, list, choose, e); });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var o = e.target.closest('[role=option]');
      if (o) choose(o);
    });
    input.addEventListener('blur', function () {
      setTimeout(function () { show(input, list, false); }, 150);
    });
  });

  // ---- date picker: a text field (YYYY-MM-DD) and a button that opens a calendar dialog ----
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  document.querySelectorAll('[data-datepicker-for]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-datepicker-for'));
    var today = (button.getAttribute('data-today') || '2026-11-20').split('-').map(Number);
    var dialog = document.createElement('dialog');
    dialog.className = 'calendar';
    dialog.setAttribute('aria-label', button.getAttribute('aria-label'));
    button.insertAdjacentElement('afterend', dialog);
    var year;
    var month;
    function render() {
      var first = new Date(Date.UTC(year, month, 1));
      var days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      var html = '<div class="calendar-head"><button type="button" data-step="-1">'
          + 'Previous month</button> <h2 aria-live="polite">' + MONTHS[month] + ' ' + year
          + '</h2> <button type="button" data-step="1">Next month</button></div>'
          + '<table role="grid"><thead><tr>';
      ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].forEach(function (d) {
        html += '<th scope="col">' + d + '</th>';
      });
      html += '</tr></thead><tbody><tr>';
      var offset = (first.getUTCDay() + 6) % 7;
      for (var i = 0; i < offset; i++) html += '<td></td>';
      for (var d = 1; d <= days; d++) {
        if ((offset + d - 1) % 7 === 0 && d > 1) html += '</tr><tr>';
        var iso = year + '-' + pad(month + 1) + '-' + pad(d);
        html += '<td><button type="button" data-date="' + iso + '" aria-label="' + d + ' '
            + MONTHS[month] + ' ' + year + '"' + (input.value === iso ? ' aria-pressed="true"' : '')
            + '>' + d + '</button></td>';
      }
      html += '</tr></tbody></table><button type="button" data-closes>Cancel</button>';
      dialog.innerHTML = html;
    }
    button.addEventListener('click', function () {
      var m = /^(\d{4})-(\d{2})-\d{2}$/.exec(input.value);
      year = m ? Number(m[1]) : today[0];
      month = m ? Number(m[2]) - 1 : today[1] - 1;
      render();
      dialog.showModal();
    });
    dialog.addEventListener('click', function (e) {
      var step = e.target.closest('[data-step]');
      if (step) {
        month += Number(step.getAttribute('data-step'));
        if (month < 0) { month = 11; year--; }
        if (month > 11) { month = 0; year++; }
        render();
        return;
      }
      var day = e.target.closest('[data-date]');
      if (day) {
        input.value = day.getAttribute('data-date');
        dialog.close();
        input.focus();
      }
    });
  });

  // ---- content loaded after a delay: [data-delayed=URL] is filled from the URL ----
  document.querySelectorAll('[data-delayed]').forEach(function (box) {
    var delay = Number(box.getAttribute('data-delay') || 800);
    setTimeout(function () {
      fetch(box.getAttribute('data-delayed')).then(function (r) { return r.text(); })
          .then(function (html) {
            box.innerHTML = html;
            box.setAttribute('aria-busy', 'false');
          });
    }, delay);
  });
})();
