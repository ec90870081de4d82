// Starts GOV.UK Frontend and MOJ Frontend components. Loaded as a module with the CSP nonce;
// GOV.UK's template would add the body classes with an inline script, which our CSP forbids.
import { initAll as initGovuk } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj-frontend/moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
// A second click on a submit button within a second is ignored (GOV.UK Frontend's Button);
// the server-side one-time token (core/submit_once.py) is what makes a repeat create nothing.
initGovuk({ button: { preventDoubleClick: true } });
initMoj();
