// Names a build tool or framework made up: they change with every deploy (CSS-in-JS and CSS-module
// hashes) or every page view (framework ids), so a selector built on them breaks silently.

/** CSS-in-JS prefixes followed by a hash: emotion `css-1x2y3z`, styled-components `sc-abcdef`. */
const HASH_PREFIX = /^(?:css|sc|jsx|svelte|jss|emotion|styled|tw)-[A-Za-z0-9_-]+$/;
/** Minified CSS modules `_3kX9q`, named CSS modules `Card_title__a1B2c`. */
const CSS_MODULE = /^_[A-Za-z0-9_-]{3,}$|^[A-Za-z][\w-]*__[A-Za-z0-9_-]{5,}$/;
/** Ids frameworks number per page view: React `:r1:`, Ember `ember123`, ExtJS, YUI, Radix… */
const FRAMEWORK_ID = /^:|^(?:ember|ext-gen|ext-comp|yui_|react-|mui-|radix-|headlessui-|rc-|ng-)/;

/** A token with a digit between or before letters is a hash (`a1b2c`); `col-12`, `step2` are not. */
function isHashToken(token: string) {
  return token.length >= 5 && /\d[a-zA-Z]/.test(token);
}

/** Whether a class name was generated, so a selector must not rely on it. */
export function isGeneratedClass(name: string): boolean {
  return HASH_PREFIX.test(name) || CSS_MODULE.test(name) || name.split(/[-_]/).some(isHashToken);
}

/**
 * Whether an id (or an attribute value used like one) is generated or names one record:
 * `ember123`, `:r5:`, `ticket-4711`, a UUID.
 */
export function isUnstableId(value: string): boolean {
  return FRAMEWORK_ID.test(value) || /\d{2,}/.test(value) || isGeneratedClass(value);
}
