// `/// <reference types="@hookline/compiler/virtual" />`: types of the module the bundler plugins provide.
declare module 'hookline:compiled' {
    const compiled: import('@hookline/router').CompiledApi;
    export default compiled;
}
