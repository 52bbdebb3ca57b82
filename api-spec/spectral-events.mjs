// Spectral ruleset for the events contract (order-events.yaml, AsyncAPI 3): Spectral's AsyncAPI
// rules. A rule is switched off only with the reason written here.
import { asyncapi } from '@stoplight/spectral-rulesets';

export default {
  extends: [asyncapi],
  rules: {
    // The project has no mailbox or web site of its own to name; the contact is the one the HTTP
    // contracts give.
    'asyncapi-info-contact-properties': 'off',
    // 3.1.0 adds nothing this contract uses, and the type generator (Modelina 5.10) reads AsyncAPI
    // 3.0.0, not 3.1.0 (it turns a 3.1.0 document into one empty type).
    'asyncapi-latest-version': 'off',
  },
};
