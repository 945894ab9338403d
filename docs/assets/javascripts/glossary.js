// The glossary page's filter: typing narrows the entries to the terms and aliases that contain the
// text. The page works without it (every entry is listed and the box stays hidden); this script
// shows the box and does the filtering. Loaded by overrides/glossary.html on the glossary page only.
(function () {
  "use strict";
  var box = document.querySelector("[data-glossary-filter]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var entries = Array.prototype.slice.call(document.querySelectorAll("[data-glossary-entry]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-glossary-group]"));
  var letters = Array.prototype.slice.call(document.querySelectorAll(".glossary-letters li"));
  var names = entries.map(function (entry) {
    return entry.getAttribute("data-glossary-names").split("|");
  });

  function filter() {
    var query = input.value.trim().toLowerCase().replace(/\s+/g, " ");
    var shown = 0;
    entries.forEach(function (entry, index) {
      var match = !query || names[index].some(function (name) { return name.indexOf(query) !== -1; });
      entry.hidden = !match;
      if (match) shown += 1;
    });
    var visibleGroups = {};
    groups.forEach(function (group) {
      var heading = group.querySelector("h2");
      group.hidden = !group.querySelector("[data-glossary-entry]:not([hidden])");
      if (heading && !group.hidden) visibleGroups["#" + heading.id] = true;
    });
    letters.forEach(function (letter) {
      letter.hidden = !visibleGroups[letter.querySelector("a").hash];  // Material makes the href absolute
    });
    if (!query) status.textContent = "";
    else if (shown === 0) status.textContent = "No matching terms.";
    else status.textContent = shown === 1 ? "1 matching term." : shown + " matching terms.";
  }

  input.addEventListener("input", filter);
  box.hidden = false;
  filter();  // the browser may restore a typed query when the reader comes back to the page
})();
