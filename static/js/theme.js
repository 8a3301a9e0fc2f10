// Follow the system colour scheme with Bootstrap's colour modes. Loaded in
// <head> so the page never flashes the wrong scheme.
(function () {
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    document.documentElement.dataset.bsTheme = query.matches ? "dark" : "light";
  };
  apply();
  query.addEventListener("change", apply);
})();
