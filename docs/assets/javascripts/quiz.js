/* The quiz (docs/quiz.*.md, macros/pages/templates/quiz.html): why after each answer, the score on the first try,
   and a certificate to print. Everything stays in the page: no request, works from file://. */
(function () {
  "use strict";
  var quiz = document.querySelector(".quiz");
  if (!quiz) return;
  var questions = Array.prototype.slice.call(quiz.querySelectorAll(".quiz-question"));
  var first = {}; // question id -> whether its first answer was right
  var message = quiz.querySelector(".quiz-message");
  var certificate = quiz.querySelector(".quiz-certificate");
  var nameInput = quiz.querySelector(".quiz-name");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function answered() {
    return Object.keys(first).length;
  }

  function showProgress() {
    quiz.querySelector(".quiz-progress").textContent = fill(quiz.dataset.progress, {
      done: answered(),
      total: questions.length,
    });
  }

  quiz.classList.add("quiz--js");
  questions.forEach(function (question) {
    var feedback = question.querySelector(".quiz-feedback");
    // .quiz--js hides the <details> answers (quiz.css): the feedback below each answer takes their place
    question.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type !== "radio") return;
      var right = input.hasAttribute("data-correct");
      if (!(question.id in first)) first[question.id] = right;
      question.classList.toggle("quiz-question--right", right);
      question.classList.toggle("quiz-question--wrong", !right);
      feedback.querySelector(".quiz-verdict").textContent = right ? quiz.dataset.right : quiz.dataset.wrong;
      feedback.querySelector(".quiz-why").textContent = input.dataset.why;
      feedback.querySelector(".quiz-rule").hidden = false;
      showProgress();
    });
  });
  showProgress();

  quiz.querySelector(".quiz-show").addEventListener("click", function () {
    var name = nameInput.value.trim();
    if (answered() < questions.length) {
      message.textContent = quiz.dataset.needAll;
      var open = questions.filter(function (q) { return !(q.id in first); })[0];
      if (open) open.querySelector("input").focus();
      return;
    }
    if (!name) {
      message.textContent = quiz.dataset.needName;
      nameInput.focus();
      return;
    }
    message.textContent = "";
    var score = questions.filter(function (q) { return first[q.id]; }).length;
    var locale = quiz.dataset.lang === "fr" ? "fr-CA" : "en-CA";
    certificate.querySelector(".quiz-cert-name").textContent = name;
    certificate.querySelector(".quiz-cert-date").textContent = new Date().toLocaleDateString(locale, {
      year: "numeric",
      month: "long",
      day: "numeric",
    });
    certificate.querySelector(".quiz-cert-score").textContent = fill(quiz.dataset.score, {
      score: score,
      total: questions.length,
    });
    certificate.hidden = false;
    document.body.classList.add("quiz-certificate-shown");
    certificate.focus();
  });

  quiz.querySelector(".quiz-print").addEventListener("click", function () {
    window.print();
  });
})();
