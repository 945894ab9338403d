/*
 * Worksheets (docs/worksheets/): keep what a learner types in this browser only.
 *
 * Values are saved in localStorage with Material's __md_get/__md_set helpers, which put
 * the site's path in front of the key, so two sites on one host never share a worksheet.
 * The key carries a version: if the fields ever change shape, raise it so old values
 * are ignored instead of landing in the wrong box. Nothing is sent anywhere; no cookies.
 *
 * Material's instant navigation runs this script again on every visit to a worksheet,
 * so it sets itself up once and then fills each worksheet page from `document$`, which
 * emits on the first load and after every instant navigation.
 */
(function () {
  "use strict";

  if (window.courseWorksheets) return;
  window.courseWorksheets = true;

  var STORAGE_VERSION = "v1";

  function storageKey(sheet) {
    return "course.worksheets." + STORAGE_VERSION + "." + sheet.dataset.worksheet;
  }

  function fieldsOf(sheet) {
    return Array.prototype.slice.call(sheet.querySelectorAll("input[name], textarea[name]"));
  }

  function load(sheet) {
    try {
      var saved = __md_get(storageKey(sheet));
      return saved && typeof saved === "object" ? saved : {};
    } catch (error) {
      return {}; // storage blocked or unreadable: the sheet still works, it just is not kept
    }
  }

  function save(sheet) {
    var values = {};
    fieldsOf(sheet).forEach(function (field) {
      if (field.type === "radio") {
        if (field.checked) values[field.name] = field.value;
      } else if (field.value) {
        values[field.name] = field.value;
      }
    });
    __md_set(storageKey(sheet), values);
  }

  function restore(sheet, values) {
    fieldsOf(sheet).forEach(function (field) {
      var value = Object.prototype.hasOwnProperty.call(values, field.name) ? String(values[field.name]) : "";
      if (field.type === "radio") {
        field.checked = field.value === value;
      } else {
        field.value = value;
      }
    });
  }

  function setUp(sheet) {
    if (sheet.dataset.worksheetReady) return;
    sheet.dataset.worksheetReady = "true";
    restore(sheet, load(sheet));
    sheet.addEventListener("input", function () { save(sheet); });
    sheet.addEventListener("change", function () { save(sheet); });

    var actions = sheet.querySelector(".worksheet__actions");
    sheet.querySelector("[data-worksheet-print]").addEventListener("click", function () {
      window.print();
    });
    sheet.querySelector("[data-worksheet-clear]").addEventListener("click", function () {
      if (window.confirm("Clear every field on this worksheet? This cannot be undone.")) {
        restore(sheet, {});
        save(sheet);
      }
    });
    actions.hidden = false;
  }

  function watchPages() {
    window.document$.subscribe(function () {
      document.querySelectorAll("[data-worksheet]").forEach(setUp);
    });
  }
  // On a full load this deferred script runs before Material's (also deferred) bundle, which
  // defines document$; both have run by DOMContentLoaded.
  if (window.document$) watchPages();
  else document.addEventListener("DOMContentLoaded", watchPages);
})();
