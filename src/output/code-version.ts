// What the rendering code is, so a cached page is never served by a different matbaa than the one
// that made it. One definition, in plain JavaScript, shared with the launcher (bin/compiled-code.mjs).
export { codeVersion } from '../../bin/code-version.mjs';
