// Live preview under the admin's Markdown fields (textareas with data-markdown-preview).
//
// The text is POSTed to the admin's preview endpoint, which renders it with the site's own
// renderer and sanitiser; the answer is therefore the same clean HTML readers will get, and is
// inserted as such. Requests wait for a pause in typing, and a newer one cancels an older one.
(function () {
  "use strict";

  var PAUSE_MS = 400;

  function csrfToken(form) {
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function buildPanel(textarea) {
    var panel = document.createElement("details");
    panel.className = "markdown-preview";
    panel.open = true;

    var summary = document.createElement("summary");
    summary.textContent = "Preview";
    var status = document.createElement("span");
    status.className = "markdown-preview-status";
    status.setAttribute("aria-live", "polite");
    var body = document.createElement("div");
    body.className = "markdown-preview-body prose";
    if (textarea.id) {
      body.id = textarea.id + "_preview";
    }

    panel.append(summary, status, body);
    // Under the field, after its help text, aligned with the input.
    var field = textarea.closest(".flex-container");
    var container = field ? field.parentElement : textarea.parentElement;
    container.appendChild(panel);
    return { panel: panel, status: status, body: body };
  }

  function attach(textarea) {
    if (textarea.dataset.previewReady || textarea.closest(".empty-form")) {
      return;
    }
    textarea.dataset.previewReady = "true";
    var url = textarea.dataset.markdownPreview;
    var parts = buildPanel(textarea);
    var timer = null;
    var controller = null;
    var shownText = null;

    function update() {
      var text = textarea.value;
      if (!parts.panel.open || text === shownText) {
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      parts.status.textContent = "Updating…";
      parts.panel.classList.add("is-updating");
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form), Accept: "application/json" },
        body: new URLSearchParams({ text: text }),
        signal: controller.signal,
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          parts.panel.classList.remove("is-updating");
          if (!result.ok) {
            parts.status.textContent = result.data.error || "The preview is not available.";
            parts.panel.classList.add("is-stale");
            return;
          }
          shownText = text;
          parts.panel.classList.remove("is-stale");
          // Server-rendered and sanitised (briefings.markdown.render_markdown).
          parts.body.innerHTML = result.data.html;
          // A text too intricate to render is shown as plain paragraphs, with the reason.
          parts.panel.classList.toggle("has-problem", Boolean(result.data.problem));
          parts.status.textContent = result.data.problem || (text.trim() ? "" : "Nothing to preview yet.");
        })
        .catch(function (error) {
          if (error.name === "AbortError") {
            return;
          }
          parts.panel.classList.remove("is-updating");
          parts.panel.classList.add("is-stale");
          parts.status.textContent = "The preview is not available; it will try again as you type.";
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, PAUSE_MS);
    });
    parts.panel.addEventListener("toggle", update);

    // The first preview waits until the field is on screen: a form with many FAQ answers
    // would otherwise send a request for each one on load.
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          update();
        }
      });
      observer.observe(parts.panel);
    } else {
      update();
    }
  }

  function attachAll(root) {
    root.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () {
    attachAll(document);
  });
  // Django's inlines announce rows added with "Add another …".
  document.addEventListener("formset:added", function (event) {
    attachAll(event.target);
  });
})();
