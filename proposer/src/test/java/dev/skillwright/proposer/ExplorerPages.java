package dev.skillwright.proposer;

/** Small single-page apps of our own for exploration tests (not the corpus apps). */
final class ExplorerPages {
  private ExplorerPages() {}

  /** A list app: add by Enter (state in localStorage), toggle done, hash-route filters. */
  static final String LIST = """
      <main>
      <h1>Errands</h1>
      <label for="new">New errand</label>
      <input id="new" autofocus>
      <ul id="list"></ul>
      <p id="count"></p>
      <nav><a href="#/">All</a> <a href="#/open">Open</a> <a href="#/done">Done</a></nav>
      <button id="wipe" onclick="localStorage.clear();render()">Delete all</button>
      <p id="sample">Sample errand</p>
      <button onclick="document.getElementById('sample').textContent = 'Sample removed.'">Remove sample</button>
      <section>
        <button aria-expanded="false" aria-controls="help" id="helpbtn">Help</button>
        <div id="help" hidden><p>Type an errand and press Enter.</p></div>
      </section>
      <label><input type="checkbox" id="compact"> Compact view</label>
      <label for="sort">Order</label>
      <select id="sort"><option>Oldest first</option><option>Newest first</option><option>By name</option></select>
      <p id="order">Oldest first</p>
      <button onclick="document.getElementById('dlg').showModal()">Settings</button>
      <dialog id="dlg" aria-labelledby="dlgt"><h2 id="dlgt">Settings</h2><p>No settings yet.</p>
        <button onclick="document.getElementById('dlg').close()">Close</button></dialog>
      </main>
      <footer><a href="%s">Elsewhere</a> <a href="/away">Leave by redirect</a></footer>
      <script>
        const load = () => JSON.parse(localStorage.getItem('errands') || '[]');
        const save = l => localStorage.setItem('errands', JSON.stringify(l));
        function render() {
          const route = location.hash.replace('#/', '');
          const ul = document.getElementById('list');
          ul.innerHTML = '';
          load().filter(e => route === 'open' ? !e.done : route === 'done' ? e.done : true)
            .forEach((e, i) => {
              const li = document.createElement('li');
              const cb = document.createElement('input');
              cb.type = 'checkbox'; cb.checked = e.done; cb.setAttribute('aria-label', 'Done: ' + e.text);
              cb.onchange = () => { const l = load(); l.find(x => x.text === e.text).done = cb.checked; save(l); render(); };
              const x = document.createElement('button');
              x.className = 'destroy';
              x.onclick = () => { save(load().filter(y => y.text !== e.text)); render(); };
              li.append(cb, ' ' + e.text, x);
              ul.append(li);
            });
          document.getElementById('count').textContent = load().filter(e => !e.done).length + ' open';
        }
        document.getElementById('new').addEventListener('keydown', ev => {
          if (ev.key === 'Enter' && ev.target.value.trim()) {
            const l = load(); l.push({text: ev.target.value.trim(), done: false}); save(l);
            ev.target.value = ''; render();
          }
        });
        document.getElementById('helpbtn').onclick = ev => {
          const open = ev.target.getAttribute('aria-expanded') === 'true';
          ev.target.setAttribute('aria-expanded', String(!open));
          document.getElementById('help').hidden = open;
        };
        document.getElementById('compact').onchange = ev => document.body.classList.toggle('compact');
        document.getElementById('sort').onchange = ev => document.getElementById('order').textContent = ev.target.value;
        window.addEventListener('hashchange', render);
        render();
      </script>
      """;
}
