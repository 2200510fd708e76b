// Suggestions under the search boxes (inputs with data-autocomplete), as an ARIA 1.2 combobox.
//
// Progressive enhancement: without this script the box is a plain GET form, and Enter with no
// suggestion chosen still submits it for the full results page. Suggestions come as JSON from
// data-autocomplete-url and are written with textContent only, so no answer can inject markup.
// Nothing here sets inline styles, so a Content-Security-Policy without 'unsafe-inline' holds.
(function () {
  "use strict";

  var PAUSE_MS = 150;
  var MIN_CHARS = 2;

  function safeUrl(address) {
    // Only web addresses are followed, whatever the answer says.
    try {
      var url = new URL(address, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function enhance(input) {
    var endpoint = input.getAttribute("data-autocomplete-url");
    if (!endpoint || !input.id) {
      return;
    }
    var container = input.parentElement;
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    container.classList.add("autocomplete");
    container.append(list, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var latest = "";

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, position) {
        var selected = position === index;
        option.setAttribute("aria-selected", selected ? "true" : "false");
        option.classList.toggle("is-active", selected);
        if (selected) {
          option.scrollIntoView({ block: "nearest" });
        }
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      setActive(-1);
    }

    function close() {
      show(false);
    }

    function cancel() {
      window.clearTimeout(timer);
      if (controller) {
        controller.abort();
        controller = null;
      }
    }

    function span(className, text) {
      var element = document.createElement("span");
      element.className = className;
      element.textContent = text;
      return element;
    }

    // Empty results clear the list; `announce` says how many there are to screen readers.
    function render(results, announce) {
      suggestions = results;
      list.replaceChildren();
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.className = "autocomplete-option";
        option.setAttribute("role", "option");
        option.append(
          span("autocomplete-title", result.title),
          span("autocomplete-type", result.type_label)
        );
        list.appendChild(option);
      });
      var count = results.length;
      var words = count === 1 ? "1 suggestion" : (count || "No") + " suggestions";
      status.textContent = announce ? words : "";
      show(count > 0);
    }

    function fetchSuggestions(query) {
      cancel();
      controller = new AbortController();
      var url = new URL(endpoint, window.location.href);
      url.searchParams.set("q", query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          // An answer for an older query, or for a box the reader has left, is dropped.
          if (query !== latest || document.activeElement !== input) {
            return;
          }
          var results = Array.isArray(data && data.results) ? data.results : [];
          render(results.filter(function (result) {
            return result && typeof result.title === "string" && safeUrl(result.html_url);
          }), true);
        })
        .catch(function () {
          // Suggestions are a convenience: on any failure the box is just a search box.
          if (query === latest) {
            render([], false);
          }
        });
    }

    function go(index) {
      var target = suggestions[index] && safeUrl(suggestions[index].html_url);
      if (target) {
        close();
        window.location.assign(target);
      }
    }

    input.addEventListener("input", function () {
      latest = input.value.trim();
      cancel();
      if (latest.length < MIN_CHARS) {
        render([], false);
        return;
      }
      timer = window.setTimeout(fetchSuggestions, PAUSE_MS, latest);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) {
        return;
      }
      var count = list.children.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          show(true);
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        // Past either end the focus returns to the text (-1) before wrapping round.
        var next = active + step;
        setActive(next < -1 ? count - 1 : next >= count ? -1 : next);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape" && !list.hidden) {
        // Closes the list without also clearing the search box, as type=search would, and
        // keeps an answer still on its way from opening it again.
        event.preventDefault();
        cancel();
        close();
      }
    });

    input.addEventListener("blur", function () {
      cancel();
      close();
    });

    // Keeps the focus in the box, so that blur does not close the list before the click lands.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });

    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        go(Array.prototype.indexOf.call(list.children, option));
      }
    });

    // A page restored from the back/forward cache must not show a list left open.
    window.addEventListener("pageshow", close);
  }

  // Loaded with `defer`, so the whole document is there already.
  document.querySelectorAll("input[data-autocomplete]").forEach(enhance);
})();
