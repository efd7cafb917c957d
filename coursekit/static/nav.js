/* coursekit: the book's navigation buttons, working by tap, click and keyboard at every width.

   Why this exists: pydata-sphinx-theme 0.17 binds its sidebar handlers to the *first* `.primary-toggle`
   and `.secondary-toggle` in the page (document.querySelector), and sphinx-book-theme 1.3 does the same
   for its wide-screen collapse and for hiding tooltips after a click. The first ones are the copies in
   pydata's navbar, which the book theme hides; the buttons a reader sees are in the article header, so
   they did nothing. Each visible toggle now forwards its click to the bound one, which keeps the themes'
   own behaviour (sidebar in a modal <dialog> on narrow screens, collapsed column on wide ones).

   Also: each toggle gets a name and aria-expanded; each sidebar gets a "Close" button, shown only in
   the dialog (a dialog needs a visible way out on touch, where there is no Esc key); and Bootstrap's
   tooltip is hidden after a pointer click, instead of staying over the neighbouring header buttons; and
   the skip link goes to the article, past those buttons. */
(() => {
  "use strict";

  const TOGGLES = [
    { selector: ".primary-toggle", dialog: "pst-primary-sidebar-modal", sidebar: "pst-primary-sidebar",
      label: "Site navigation", close: "Close site navigation" },
    { selector: ".secondary-toggle", dialog: "pst-secondary-sidebar-modal", sidebar: "pst-secondary-sidebar",
      label: "Contents of this page", close: "Close the contents of this page" },
  ];

  function setup({ selector, dialog: dialogId, sidebar: sidebarId, label, close }) {
    const bound = document.querySelector(selector); // the one the themes listen to
    const dialog = document.getElementById(dialogId);
    const sidebar = document.getElementById(sidebarId);
    if (!bound || !dialog || !sidebar) return;
    const toggles = [...document.querySelectorAll(selector)];

    const expanded = () => dialog.open
      || (sidebarId === "pst-primary-sidebar" && matchMedia("(min-width: 992px)").matches
          && !sidebar.classList.contains("pst-sidebar-hidden"));
    const update = () => toggles.forEach((t) => t.setAttribute("aria-expanded", String(expanded())));

    for (const toggle of toggles) {
      toggle.setAttribute("aria-label", label);
      toggle.setAttribute("aria-controls", sidebarId);
      toggle.removeAttribute("title"); // the tooltip repeated the name; Bootstrap reads it when it starts
      toggle.dataset.bsTitle = label;
      if (toggle !== bound) {
        toggle.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation();
          bound.click(); // the themes' handlers: they remember document.activeElement (this toggle)
          update();
        });
      } else {
        toggle.addEventListener("click", () => setTimeout(update));
      }
    }
    dialog.addEventListener("close", update);

    const button = document.createElement("button");
    button.type = "button";
    button.className = "ck-sidebar-close btn";
    button.setAttribute("aria-label", close);
    button.innerHTML = '<span class="fa-solid fa-xmark" aria-hidden="true"></span> <span>Close</span>';
    button.addEventListener("click", () => dialog.open && dialog.close());
    sidebar.prepend(button); // travels into the dialog with the sidebar's content
    update();
  }

  // A pointer click (mouse or tap; keyboard clicks have detail 0) hides the button's tooltip at once.
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element && event.target.closest('[data-bs-toggle="tooltip"]');
    if (!target || event.detail === 0) return;
    setTimeout(() => window.bootstrap?.Tooltip?.getInstance(target)?.hide());
  }, true);

  // The theme's "Skip to main content" lands on <main>, whose first tab stops are the article header's
  // buttons (download, full screen, theme, search, contents), so a keyboard reader skipped nothing. It
  // lands on the article itself instead: the next Tab is the page's first link.
  function skipToArticle() {
    const link = document.querySelector("#pst-skip-link a");
    const article = document.querySelector("main .bd-article");
    if (!link || !article) return;
    article.id ||= "ck-article";
    article.tabIndex = -1;
    link.href = `#${article.id}`;
  }

  const start = () => { TOGGLES.forEach(setup); skipToArticle(); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
