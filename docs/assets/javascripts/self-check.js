/* Before you post (macros/pages/templates/self-check.html): a verdict as boxes are ticked. A "stop" box wins over an
   "ask" box; no box ticked means post it. Without JavaScript, the rule under the boxes says the same. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".self-check"), function (box) {
    var verdict = box.querySelector(".self-check-verdict");
    var answer = verdict.querySelector(".self-check-answer");
    function update() {
      var level = "post";
      Array.prototype.forEach.call(box.querySelectorAll("input[type=checkbox]:checked"), function (input) {
        if (input.dataset.level === "stop") level = "stop";
        else if (level !== "stop") level = "ask";
      });
      answer.textContent = box.dataset[level];
      answer.dataset.verdict = level;
      box.dataset.verdict = level;
    }
    verdict.hidden = false;
    box.addEventListener("change", update);
    update();
  });
})();
