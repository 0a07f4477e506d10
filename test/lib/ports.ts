export { freePort } from '../../libs/testsupport/index.js';
