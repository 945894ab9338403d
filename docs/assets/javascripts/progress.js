/*
  Learner progress, kept in this browser only: no account, no cookies, nothing sent anywhere.

  None of Material, pymdown-extensions or mkdocs-quiz tracks progress across pages, so this
  script does, as little as it can: it stores which lessons are done, which were visited and
  the last lesson opened, under one versioned key scoped to the site's address. Quiz answers
  stay where mkdocs-quiz keeps them (`quiz_progress_<page path>`); they are read, not copied.

  The course's shape comes from the build (window.courseMap, assets/javascripts/course-map.js,
  made by hooks/progress_hook.py). The controls it drives are rendered `hidden` by the
  templates, so pages without JavaScript stay complete and show no dead buttons.
*/
(function () {
  "use strict";

  var courseMap = window.courseMap;
  var script = document.currentScript;
  if (!courseMap || !script) return;

  // This file is assets/javascripts/progress.js, so the site's root is two folders up.
  var siteRoot = new URL("../../", script.src);
  var STORAGE_KEY = "pm-course-progress:v" + courseMap.version + ":" + siteRoot.pathname;
  var FILE_FORMAT = "pm-course-progress";
  var QUIZ_PREFIX = "quiz_progress_"; // mkdocs-quiz's own key prefix (see its quiz.js)
  var MAX_FILE_BYTES = 1024 * 1024;

  var lessons = courseMap.lessons;
  var lessonByUrl = {};
  lessons.forEach(function (lesson) {
    lessonByUrl[lesson.url] = lesson;
  });

  // Whether each lesson's quiz was complete when last seen, to notice the moment it becomes so.
  var quizWasComplete = {};

  /* ---------- Storage ---------- */

  function storageWorks() {
    try {
      localStorage.setItem(STORAGE_KEY + ":test", "1");
      localStorage.removeItem(STORAGE_KEY + ":test");
      return true;
    } catch (error) {
      return false;
    }
  }

  function emptyState() {
    return { version: courseMap.version, last: null, lessons: {} };
  }

  function loadState() {
    try {
      var state = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (state && typeof state === "object" && state.lessons && typeof state.lessons === "object") {
        return state;
      }
    } catch (error) {
      // Unreadable data is treated as no progress; it is overwritten on the next change.
    }
    return emptyState();
  }

  function saveState(state) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  }

  function quizKey(lesson) {
    return QUIZ_PREFIX + new URL(lesson.url, siteRoot).pathname;
  }

  function readQuizAnswers(lesson) {
    try {
      var answers = JSON.parse(localStorage.getItem(quizKey(lesson)) || "null");
      return answers && typeof answers === "object" && !Array.isArray(answers) ? answers : null;
    } catch (error) {
      return null;
    }
  }

  function quizProgress(lesson) {
    var answers = readQuizAnswers(lesson) || {};
    var progress = { total: lesson.quizzes.length, answered: 0, correct: 0 };
    lesson.quizzes.forEach(function (id) {
      var answer = answers[id];
      if (answer && answer.answered) progress.answered += 1;
      if (answer && answer.correct) progress.correct += 1;
    });
    return progress;
  }

  function quizComplete(lesson) {
    var progress = quizProgress(lesson);
    return progress.total > 0 && progress.correct === progress.total;
  }

  /* ---------- Lesson states ---------- */

  // "done": marked as done, or every quiz question answered correctly (unless undone since);
  // "in-progress": opened, or some question answered; "not-started": neither.
  function lessonStatus(lesson, state) {
    var record = state.lessons[lesson.url] || {};
    if (record.done === true) return "done";
    var quiz = quizProgress(lesson);
    if (record.done !== false && quiz.total > 0 && quiz.correct === quiz.total) return "done";
    if (record.visited || quiz.answered > 0) return "in-progress";
    return "not-started";
  }

  var STATUS_TEXT = { done: "Done", "in-progress": "In progress", "not-started": "Not started" };

  function summary(state) {
    var done = 0;
    var minutesLeft = 0;
    lessons.forEach(function (lesson) {
      if (lessonStatus(lesson, state) === "done") done += 1;
      else minutesLeft += lesson.duration;
    });
    return { done: done, total: lessons.length, minutesLeft: minutesLeft };
  }

  // The same wording as the build's `minutes` filter (course.format_minutes).
  function formatMinutes(minutes) {
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (!hours) return rest + " min";
    return hours + " h" + (rest ? " " + rest + " min" : "");
  }

  function doneText(count) {
    return count.done + " of " + count.total + " lessons done";
  }

  /* ---------- Where we are ---------- */

  function pageAddress(href) {
    var url = new URL(href, location.href);
    url.hash = "";
    url.search = "";
    return url.href.replace(/index\.html$/, "");
  }

  // Each lesson by its page's address, made on first use: the sidebar asks for every link of the
  // nav on every page, and resolving every lesson's address for each link took 0.6 s of a fast
  // desktop's main thread on a thousand-lesson course.
  var lessonByAddress = null;

  function lessonAt(href) {
    if (!lessonByAddress) {
      lessonByAddress = new Map();
      lessons.forEach(function (lesson) {
        var address = pageAddress(new URL(lesson.url, siteRoot).href);
        if (!lessonByAddress.has(address)) lessonByAddress.set(address, lesson);
      });
    }
    return lessonByAddress.get(pageAddress(href)) || null;
  }

  function currentLesson() {
    return lessonAt(location.href);
  }

  /* ---------- Rendering ---------- */

  function reveal(element) {
    if (element) element.hidden = false;
  }

  function renderStates(state) {
    document.querySelectorAll("[data-lesson]").forEach(function (item) {
      var lesson = lessonByUrl[item.getAttribute("data-lesson")];
      var label = item.querySelector("[data-lesson-state]");
      if (!lesson || !label) return;
      var status = lessonStatus(lesson, state);
      label.textContent = STATUS_TEXT[status];
      label.className = "lesson-state lesson-state--" + status;
      reveal(label);
    });
    document.querySelectorAll("[data-block-progress]").forEach(function (element) {
      var block = courseMap.blocks.filter(function (candidate) {
        return candidate.url === element.getAttribute("data-block-progress");
      })[0];
      if (!block) return;
      var done = block.lessons.filter(function (url) {
        return lessonStatus(lessonByUrl[url], state) === "done";
      }).length;
      element.textContent = doneText({ done: done, total: block.lessons.length });
      reveal(element);
    });
  }

  function renderCourseProgress(state) {
    var panel = document.querySelector("[data-course-progress]");
    if (!panel) return;
    var count = summary(state);
    panel.querySelector("[data-progress-summary]").textContent =
      doneText(count) + " · " + formatMinutes(count.minutesLeft) + " left";
    var dialog = panel.querySelector("dialog");
    // A property, not addEventListener: render runs again on the same page.
    dialog.onclose = function () {
      if (dialog.returnValue === "reset") resetProgress();
      panel.querySelector("[data-progress-reset]").focus();
    };
    reveal(panel);
  }

  // The home page's one primary action (overrides/partials/course-start.html): it starts the
  // course, or, once a lesson has been opened, resumes at the last one.
  function renderStart(state) {
    var start = document.querySelector("[data-course-start]");
    if (!start) return;
    if (!start.hasAttribute("data-first-lesson")) {
      start.setAttribute("data-first-lesson", start.href);
      start.setAttribute("data-first-text", start.textContent);
    }
    var note = document.querySelector("[data-progress-resume]");
    var last = state.last && lessonByUrl[state.last];
    start.href = last ? new URL(last.url, siteRoot).href : start.getAttribute("data-first-lesson");
    start.textContent = last ? "Resume where you left off" : start.getAttribute("data-first-text");
    if (note) {
      note.querySelector("[data-progress-resume-title]").textContent = last ? last.title : "";
      note.hidden = !last;
    }
  }

  function renderLessonControl(state) {
    var control = document.querySelector("[data-lesson-done]");
    var lesson = currentLesson();
    if (!control || !lesson) return;
    var done = lessonStatus(lesson, state) === "done";
    var button = control.querySelector("button");
    // The name stays; the state is aria-pressed alone (course.css draws it).
    button.setAttribute("aria-pressed", String(done));
    reveal(control);
  }

  function renderNavMarks(state) {
    document.querySelectorAll("a.md-nav__link[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      var lesson = href.charAt(0) === "#" || href.indexOf("#") !== -1 ? null : lessonAt(link.href);
      var mark = link.querySelector(".course-nav-done");
      var done = lesson !== null && lessonStatus(lesson, state) === "done";
      if (done && !mark) {
        mark = document.createElement("span");
        mark.className = "course-nav-done";
        var text = document.createElement("span");
        text.className = "course-visually-hidden";
        text.textContent = "(done)";
        mark.appendChild(text);
        link.appendChild(mark);
      } else if (!done && mark) {
        mark.remove();
      }
    });
  }

  function render() {
    var state = loadState();
    renderStates(state);
    renderCourseProgress(state);
    renderStart(state);
    renderLessonControl(state);
    renderNavMarks(state);
  }

  function announce(selector, message, isError) {
    var region = document.querySelector(selector);
    if (!region) return;
    region.textContent = message;
    region.classList.toggle("course-status--error", Boolean(isError));
  }

  /* ---------- Changes ---------- */

  function updateLesson(lesson, change) {
    var state = loadState();
    var record = state.lessons[lesson.url] || {};
    change(record);
    state.lessons[lesson.url] = record;
    saveState(state);
    return state;
  }

  function visit(lesson) {
    var state = loadState();
    var record = state.lessons[lesson.url] || {};
    record.visited = true;
    state.lessons[lesson.url] = record;
    state.last = lesson.url;
    saveState(state);
  }

  function toggleDone() {
    var lesson = currentLesson();
    if (!lesson) return;
    var wasDone = lessonStatus(lesson, loadState()) === "done";
    var state = updateLesson(lesson, function (record) {
      record.done = !wasDone;
    });
    render();
    announce(
      "[data-lesson-done-status]",
      (wasDone ? "Marked as not done. " : "Marked as done. ") + doneText(summary(state)) + "."
    );
  }

  function onQuizProgress() {
    var lesson = currentLesson();
    if (!lesson) return;
    var complete = quizComplete(lesson);
    var before = quizWasComplete[lesson.url];
    quizWasComplete[lesson.url] = complete;
    if (complete && before === false) {
      // Finishing the quiz counts again, even if the lesson had been marked as not done.
      updateLesson(lesson, function (record) {
        delete record.done;
      });
      render();
      announce("[data-lesson-done-status]", "Every question answered correctly: this lesson is done.");
    } else {
      render();
    }
  }

  function resetProgress() {
    localStorage.removeItem(STORAGE_KEY);
    lessons.forEach(function (lesson) {
      localStorage.removeItem(quizKey(lesson));
    });
    quizWasComplete = {};
    render();
    announce("[data-progress-status]", "Your progress has been reset.");
  }

  /* ---------- Export and import ---------- */

  function exportProgress() {
    var state = loadState();
    var quizzes = {};
    lessons.forEach(function (lesson) {
      var answers = readQuizAnswers(lesson);
      if (answers) quizzes[lesson.url] = answers;
    });
    var data = {
      format: FILE_FORMAT,
      version: courseMap.version,
      course: courseMap.course,
      saved: new Date().toISOString(),
      last: state.last,
      lessons: state.lessons,
      quizzes: quizzes,
    };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "course-progress-" + data.saved.slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 0);
    announce("[data-progress-status]", "Your progress was saved as " + link.download + ".");
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isOptionalBoolean(value) {
    return value === undefined || typeof value === "boolean";
  }

  // Returns the problem with a parsed progress file, in words for the learner, or "".
  function problemWith(data) {
    if (!isObject(data) || data.format !== FILE_FORMAT) {
      return "This file is not a progress file saved from this course.";
    }
    if (data.course !== courseMap.course) {
      return "This progress file belongs to another course (" + String(data.course) + ").";
    }
    if (data.version !== courseMap.version) {
      return "This progress file was saved by a different version of the course site.";
    }
    var wellFormed =
      (data.last === null || typeof data.last === "string") &&
      isObject(data.lessons) &&
      isObject(data.quizzes) &&
      Object.keys(data.lessons).every(function (url) {
        var record = data.lessons[url];
        return isObject(record) && isOptionalBoolean(record.done) && isOptionalBoolean(record.visited);
      }) &&
      Object.keys(data.quizzes).every(function (url) {
        var answers = data.quizzes[url];
        return (
          isObject(answers) &&
          Object.keys(answers).every(function (id) {
            var answer = answers[id];
            return isObject(answer) && typeof answer.answered === "boolean" && typeof answer.correct === "boolean";
          })
        );
      });
    return wellFormed ? "" : "This progress file is damaged: some of its entries are not what the course saves.";
  }

  function importProgress(file) {
    var fail = function (problem) {
      announce("[data-progress-status]", problem + " Nothing was changed.", true);
    };
    if (file.size > MAX_FILE_BYTES) {
      fail("This file is too large to be a progress file from this course.");
      return;
    }
    file.text().then(function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        fail("This file is not a progress file saved from this course (it is not JSON).");
        return;
      }
      var problem = problemWith(data);
      if (problem) {
        fail(problem);
        return;
      }
      // Entries for lessons the course no longer has are left out.
      var state = emptyState();
      state.last = lessonByUrl[data.last] ? data.last : null;
      Object.keys(data.lessons).forEach(function (url) {
        if (lessonByUrl[url]) state.lessons[url] = data.lessons[url];
      });
      saveState(state);
      lessons.forEach(function (lesson) {
        if (data.quizzes[lesson.url]) localStorage.setItem(quizKey(lesson), JSON.stringify(data.quizzes[lesson.url]));
        else localStorage.removeItem(quizKey(lesson));
      });
      quizWasComplete = {};
      render();
      announce("[data-progress-status]", "Progress loaded from " + file.name + ": " + doneText(summary(state)) + ".");
    }, function () {
      fail("This file could not be read.");
    });
  }

  /* ---------- Wiring ---------- */

  if (!storageWorks()) return; // the controls stay hidden: there is nowhere to keep progress

  // Delegated once: Material's instant navigation swaps the page content, not the document.
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("[data-lesson-done] button")) toggleDone();
    else if (target.closest("[data-progress-export]")) exportProgress();
    else if (target.closest("[data-progress-import]")) document.querySelector("[data-progress-file]").click();
    else if (target.closest("[data-progress-reset]")) document.querySelector("[data-course-progress] dialog").showModal();
  });
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.matches("[data-progress-file]")) return;
    if (input.files && input.files[0]) importProgress(input.files[0]);
    input.value = ""; // choosing the same file again still loads it
  });
  window.addEventListener("quizProgressUpdate", onQuizProgress);
  // Another tab of the same site changed the progress.
  window.addEventListener("storage", render);

  function onPage() {
    var lesson = currentLesson();
    if (lesson) {
      visit(lesson);
      quizWasComplete[lesson.url] = quizComplete(lesson);
    }
    render();
  }

  // Material emits document$ on the first load and after every instant navigation.
  window.document$.subscribe(onPage);
})();
