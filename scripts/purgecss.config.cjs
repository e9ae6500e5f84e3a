// PurgeCSS configuration for scripts/trim-bootstrap.sh (run from the project root).
const { execSync } = require("child_process");
const crispy = execSync(
  ".venv/bin/python -c 'import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))'"
).toString().trim();

module.exports = {
  css: ["static/vendor/bootstrap-5.3.9/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    "static/js/*.js",
    // Form widgets and template tags name classes in Python.
    "{accounts,learning,assessments,payments,forum,store,analytics,urbanhome,demo}/**/*.py",
    `${crispy}/templates/**/*.html`,
  ],
  safelist: {
    // Set by scripts, or built from values (messages' alert-{{ tags }}).
    standard: [
      "show", "showing", "hiding", "collapse", "collapsing", "fade", "active",
      "disabled", "is-invalid", "is-valid", "was-validated", "invalid-feedback",
      "valid-feedback",
    ],
    greedy: [/^alert-/, /^btn-/, /^text-bg-/],
  },
  variables: true,
  keyframes: true,
};
