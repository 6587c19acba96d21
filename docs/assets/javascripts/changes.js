/* What changed (docs/changes.*.md): "the version I signed" shows the changes since that version only.
   Without JavaScript the picker stays hidden and every version's changes are listed in turn.
   An address ending in ?signed=2.0 opens on that version (a link HR can send). */
(function () {
  "use strict";
  var picker = document.querySelector(".changes-picker");
  if (!picker) return;
  var select = picker.querySelector("select");
  var sections = document.querySelectorAll(".changes-since");
  function show() {
    Array.prototype.forEach.call(sections, function (section) {
      section.hidden = select.value !== "" && section.dataset.version !== select.value;
    });
  }
  var wanted = new URLSearchParams(window.location.search).get("signed");
  Array.prototype.forEach.call(select.options, function (option) {
    if (wanted && option.value === wanted) select.value = wanted;
  });
  picker.hidden = false;
  select.addEventListener("change", show);
  show();
})();
