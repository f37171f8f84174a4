// Tiny localStorage wrapper. The first visit seeds a few notes so the app is not empty.
var NoteStore = (function () {
  var KEY = 'notebook.v1';
  var SEED = {
    nextId: 6,
    notes: [
      { id: 1, title: 'Groceries', body: 'Milk, eggs, rye bread, two lemons.', category: 'Personal', archived: false, created: '2024-03-02' },
      { id: 2, title: 'Quarterly report', body: 'Draft the summary and send it to Dana by Friday.', category: 'Work', archived: false, created: '2024-03-05' },
      { id: 3, title: 'Trip to Lisbon', body: 'Book the tram tour. Try the pastel de nata in Belém.', category: 'Travel', archived: false, created: '2024-03-09' },
      { id: 4, title: 'App idea', body: 'A plant-watering reminder that reads the weather.', category: 'Ideas', archived: false, created: '2024-03-11' },
      { id: 5, title: 'Old passwords policy', body: 'Superseded by the new policy.', category: 'Work', archived: true, created: '2023-11-20' }
    ],
    settings: { darkMode: false, previews: true, compact: false, sort: 'newest' }
  };

  function load() {
    var raw = localStorage.getItem(KEY);
    if (!raw) {
      localStorage.setItem(KEY, JSON.stringify(SEED));
      raw = localStorage.getItem(KEY);
    }
    return JSON.parse(raw);
  }

  return {
    data: load(),
    save: function () { localStorage.setItem(KEY, JSON.stringify(this.data)); }
  };
})();
